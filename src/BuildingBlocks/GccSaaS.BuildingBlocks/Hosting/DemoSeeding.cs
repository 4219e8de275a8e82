using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GccSaaS.BuildingBlocks.Hosting;

/// <summary>
/// What the demo seed's steps share (<c>Demo:Seed=true</c>, build/run.sh): the two demo tenants, the users Identity
/// created (e-mail → id and name), whether this is the first seed of the demo tenant, and the lines printed at start.
/// The ids of the demo's partner organisations are fixed so links, tests and every module's step can name them.
/// </summary>
public sealed class DemoSeedContext(IServiceProvider services, TenantInfo demoTenant, TenantInfo secondTenant, bool firstSeed)
{
    public const string DemoTenantIdentifier = "contoso-distribution";
    public const string SecondTenantIdentifier = "fabrikam-cloud";

    /// <summary>The demo reseller organisation (a partner directory id).</summary>
    public static readonly Guid AdatumResellerId = Guid.Parse("6f1e0c2a-3b1d-4f7e-9a55-2c0d8b7e1a01");

    /// <summary>A second reseller organisation with a user, so reseller scoping (R-CUS-3) shows.</summary>
    public static readonly Guid ProsewareResellerId = Guid.Parse("0c7a4e51-2d3b-4f60-8a11-5123450a0008");

    /// <summary>The step's own scope's services.</summary>
    public IServiceProvider Services { get; } = services;

    /// <summary><c>contoso-distribution</c>, the demo provider.</summary>
    public TenantInfo DemoTenant { get; } = demoTenant;

    /// <summary><c>fabrikam-cloud</c>, a second provider (isolation shows).</summary>
    public TenantInfo SecondTenant { get; } = secondTenant;

    public IReadOnlyDictionary<string, TenantInfo> TenantsByIdentifier =>
        new Dictionary<string, TenantInfo>(StringComparer.Ordinal) { [DemoTenant.Identifier] = DemoTenant, [SecondTenant.Identifier] = SecondTenant };

    /// <summary>True when the demo tenant did not exist before this seed (what happens once, such as a welcome, happens now).</summary>
    public bool FirstSeed { get; } = firstSeed;

    /// <summary>The demo users by e-mail, filled by Identity's step.</summary>
    public IDictionary<string, (Guid Id, string DisplayName)> Users { get; } = new Dictionary<string, (Guid, string)>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Lines printed on stdout once every step ran (the sign-ins).</summary>
    public IList<string> Printed { get; } = [];
}

/// <summary>One module's part of the demo seed; steps run by <see cref="Order"/>, each in its own scope. Idempotent.</summary>
public sealed record DemoSeedStep(string Module, int Order, Func<DemoSeedContext, CancellationToken, Task> RunAsync);

/// <summary>
/// The class of a module that holds its part of the demo seed. <c>AddModule</c> finds it in the module's assembly and
/// registers its <see cref="DemoStep"/> (issue 12: the module root no longer names it).
/// </summary>
public interface IDemoSeed
{
    static abstract DemoSeedStep DemoStep { get; }
}

public static partial class DemoSeeding
{
    /// <summary>Adds a module's demo seed step (<c>AddModule</c> adds each module's <see cref="IDemoSeed"/>).</summary>
    public static IServiceCollection AddDemoSeedStep(this IServiceCollection services, DemoSeedStep step)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(step);
        services.AddSingleton(step);
        return services;
    }

    /// <summary>
    /// Seeds the demo platform: the two demo tenants, then every registered step in order, then prints what the steps
    /// asked to print (the sign-ins). Idempotent, so a restart keeps what the user did. Answers the demo tenant.
    /// </summary>
    public static async Task<TenantInfo> SeedDemoAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var tenants = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var firstSeed = await tenants.FindByIdentifierAsync(DemoSeedContext.DemoTenantIdentifier, cancellationToken) is null;
        var demo = await EnsureTenantAsync(tenants, DemoSeedContext.DemoTenantIdentifier, "Contoso Distribution", cancellationToken);
        var second = await EnsureTenantAsync(tenants, DemoSeedContext.SecondTenantIdentifier, "Fabrikam Cloud", cancellationToken);

        var shared = new DemoSeedContext(scope.ServiceProvider, demo, second, firstSeed);
        foreach (var step in services.GetServices<DemoSeedStep>().OrderBy(s => s.Order))
        {
            await using var stepScope = services.CreateAsyncScope();
            var context = new DemoSeedContext(stepScope.ServiceProvider, demo, second, firstSeed);
            foreach (var (email, user) in shared.Users)
            {
                context.Users[email] = user;
            }

            await step.RunAsync(context, cancellationToken);
            foreach (var (email, user) in context.Users)
            {
                shared.Users[email] = user;
            }

            foreach (var line in context.Printed)
            {
                shared.Printed.Add(line);
            }
        }

        LogSeeded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoSeeding).FullName ?? nameof(DemoSeeding)), demo.Name, demo.Identifier);
        foreach (var line in shared.Printed)
        {
            await Console.Out.WriteLineAsync(line);
        }

        return demo;
    }

    private static async Task<TenantInfo> EnsureTenantAsync(ITenantStore tenants, string identifier, string name, CancellationToken cancellationToken) =>
        await tenants.FindByIdentifierAsync(identifier, cancellationToken)
        ?? await tenants.CreateAsync(identifier, name, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo tenant ready: {Name} at /{Identifier}/")]
    private static partial void LogSeeded(ILogger logger, string name, string identifier);
}
