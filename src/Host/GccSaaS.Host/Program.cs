using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Hosting;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.Host.Infrastructure;
using GccSaaS.Host.Portal;
using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Identity;
using GccSaaS.Modules.Notifications;
using GccSaaS.Modules.Ordering;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.AddGccSaaSPlatform();
builder.AddIdentityModule();
builder.AddPartnersModule();
builder.AddCustomersModule();
builder.AddRelationshipsModule();
builder.AddValidationModule();
builder.AddOrderingModule();
builder.AddNotificationsModule();
builder.AddModuleMessaging(typeof(Program).Assembly);
builder.AddClusteredJobs();
builder.AddHostInfrastructure();
builder.AddPortalShell();
builder.AddPartnerCenterApi();

var app = builder.Build();

if (app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
}

if (app.Configuration.GetValue<bool>("Demo:Seed"))
{
    await app.Services.SeedDemoAsync(); // each module's own step (AddDemoSeedStep), in order
}

app.UseHostInfrastructure();
app.MapPartnersEndpoints();
app.MapCustomersEndpoints();
app.MapRelationshipsEndpoints();
app.MapValidationEndpoints();
app.MapOrderingEndpoints();
app.MapIdentityEndpoints();
app.MapNotificationsEndpoints();
app.MapHostEndpoints();

await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
