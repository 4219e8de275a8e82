using GccSaaS.Modules.Customers;
using GccSaaS.Modules.Ordering;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Relationships;
using GccSaaS.Modules.Validation;

var builder = WebApplication.CreateBuilder(args);

builder.AddPartnersModule();
builder.AddCustomersModule();
builder.AddRelationshipsModule();
builder.AddValidationModule();
builder.AddOrderingModule();

var app = builder.Build();

app.MapPartnersEndpoints();
app.MapCustomersEndpoints();
app.MapRelationshipsEndpoints();
app.MapValidationEndpoints();
app.MapOrderingEndpoints();

await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
