using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Identity.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Identity;

/// <summary>
/// One host on its own database with the demo seed (Demo:Seed=true): the demo users of every role, the
/// tenants contoso-distribution and fabrikam-cloud. Time is a <see cref="ManualClock"/> that starts now;
/// tests that need time to pass move it forward. Tests that change memberships make their own users.
/// </summary>
public sealed class IdentityFixture : IAsyncLifetime
{
    public const string Contoso = "contoso-distribution";
    public const string Fabrikam = "fabrikam-cloud";

    private TestDatabase? _database;
    private GccSaaSFactory? _factory;

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Every line the host logs (issue 18: tests search them for secrets).</summary>
    public LogRecorder Logs { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _factory = new GccSaaSFactory(
            _database,
            services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
            },
            new Dictionary<string, string?> { ["Demo:Seed"] = "true" });
        _ = _factory.Server; // starts the host: migrates and seeds
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    public PortalClient Portal() => new(Factory);

    /// <summary>A portal client already signed in as a demo user (or any user with its password).</summary>
    public async Task<PortalClient> SignedInAsync(string email, string password = PortalClient.DemoPassword)
    {
        var portal = Portal();
        var response = await portal.SignInAsync(email, password);
        Assert.True(response.Status == System.Net.HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.Status}.");
        return portal;
    }

    public async Task<TenantInfo> TenantAsync(string identifier)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync(identifier)
            ?? throw new InvalidOperationException($"No tenant {identifier}.");
    }

    /// <summary>
    /// Reads the identity schema directly (to check what is stored, never to arrange data), as the owner role: the
    /// tenant tables there are under row-level security, and the owner reads them across tenants through the policy
    /// that the definer functions use (ADR 0021); the application role would see no tenant's rows here.
    /// </summary>
    internal async Task<T> QueryAsync<T>(Func<GccSaaSIdentityDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<GccSaaSIdentityDbContext>().UseNpgsql(Database.OwnerConnectionString).Options;
        await using var db = new GccSaaSIdentityDbContext(options);
        return await query(db);
    }

    public Task<Guid> UserIdAsync(string email)
    {
        var normalized = email.ToUpperInvariant();
        return QueryAsync(db => db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).SingleAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityFixture>
{
    public const string Name = "Identity (seeded demo platform)";
}
