using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Relationships.Features.DemoSeed;

/// <summary>Relationships' step of the demo seed (<c>Demo:Seed=true</c>): partnerships and pending invitations of the demo tenant.</summary>
internal sealed class RelationshipsDemoSeed : IDemoSeed
{
    public static DemoSeedStep DemoStep { get; } = new(RelationshipsModule.Name, 40, async (context, cancellationToken) =>
    {
        // R-REL-2: Adatum Reseller is an active indirect reseller of the demo tenant; Sam Sales has pending invitations.
        using var tenant = context.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(context.DemoTenant);
        var sales = context.Users.TryGetValue("sales.agent@contoso.demo", out var user) ? user : ((Guid Id, string DisplayName)?)null;
        await context.Services.GetRequiredService<IMediator>().Send(
            new SeedDemoRelationshipsCommand(context.DemoTenant.Id, [DemoSeedContext.AdatumResellerId], sales?.Id, sales?.DisplayName), cancellationToken);
    });
}
