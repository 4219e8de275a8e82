using GccSaaS.BuildingBlocks.Tenancy;

namespace GccSaaS.Host.Demo;

/// <summary>
/// Seeds a demo platform for build/run.sh (<c>Demo:Seed=true</c>): idempotent, so a restart keeps what
/// the user did, and it prints what a new user needs to start.
/// </summary>
internal sealed partial class DemoSeeder(ITenantStore tenants, ILogger<DemoSeeder> logger)
{
    public const string DemoTenantIdentifier = "contoso-distribution";

    public async Task<TenantInfo> SeedAsync(CancellationToken cancellationToken = default)
    {
        var tenant = await tenants.FindByIdentifierAsync(DemoTenantIdentifier, cancellationToken)
            ?? await tenants.CreateAsync(DemoTenantIdentifier, "Contoso Distribution (demo indirect provider)", cancellationToken);
        LogSeeded(logger, tenant.Name, tenant.Identifier);
        return tenant;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant ready: {Name} at /{Identifier}/")]
    private static partial void LogSeeded(ILogger logger, string name, string identifier);
}
