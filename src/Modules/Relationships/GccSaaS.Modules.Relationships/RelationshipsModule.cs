using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features;
using GccSaaS.Modules.Relationships.Features.CustomerRelationships;
using GccSaaS.Modules.Relationships.Features.Invitations;
using GccSaaS.Modules.Relationships.Features.Partnerships;
using GccSaaS.Modules.Relationships.Jobs;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships;

/// <summary>The Relationships module's only public type: its registration and its endpoint mapping.</summary>
public static class RelationshipsModule
{
    public const string Name = "Relationships";

    public static IHostApplicationBuilder AddRelationshipsModule(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModule(new ModuleParts<RelationshipsDbContext>(Name, RelationshipsDbContext.SchemaName, typeof(RelationshipsResource)));
        builder.Services.AddScoped<InvitationIssuer>();
        builder.Services.AddScoped<IRelationshipTexts, RelationshipTexts>();
        builder.Services.AddScoped<InvitationLookup>();
        builder.Services.AddScoped<InvitationAccess>();

        // R-REL-7: the expiry and reminder sweeps, as Hangfire recurring jobs (every host shares one schedule).
        static TimeSpan Interval(IServiceProvider sp) =>
            sp.GetRequiredService<IConfiguration>().GetValue<TimeSpan?>("Relationships:SweepInterval") ?? TimeSpan.FromMinutes(1);
        builder.Services.AddSweepJob<InvitationExpirySweepJob>(InvitationExpirySweepJob.Name, Interval);
        builder.Services.AddSweepJob<InvitationReminderSweepJob>(InvitationReminderSweepJob.Name, Interval);
        return builder;
    }

    public static IEndpointRouteBuilder MapRelationshipsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPartnerCenterApi().WithTags(Name).MapRelationships().MapCustomerRelationshipRequests();
        endpoints.MapResellersExport().MapInvitationsExport();
        return endpoints;
    }
}
