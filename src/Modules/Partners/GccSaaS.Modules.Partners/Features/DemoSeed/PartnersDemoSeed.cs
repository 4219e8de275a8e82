using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Partners.Features.DemoSeed;

/// <summary>Partners' step of the demo seed (<c>Demo:Seed=true</c>): the partner directory: the demo tenants' organisations and the demo resellers.</summary>
internal sealed class PartnersDemoSeed : IDemoSeed
{
    public static DemoSeedStep DemoStep { get; } = new(PartnersModule.Name, 20, async (context, cancellationToken) =>
    {
        await context.Services.GetRequiredService<IMediator>().Send(
            new SeedDemoPartnerDirectoryCommand(context.TenantsByIdentifier.ToDictionary(t => t.Key, t => t.Value.Id)), cancellationToken);
    });
}
