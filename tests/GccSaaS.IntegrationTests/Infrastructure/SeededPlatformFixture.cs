using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Validation.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// One host on its own database with the demo seed (demo users, tenants, partner directory) and jobs off; time
/// is a <see cref="ManualClock"/> from <paramref name="start"/> that tests only move forward. A module's fixture
/// derives from it and adds what its tests need.
/// </summary>
public abstract class SeededPlatformFixture(DateTimeOffset start) : IAsyncLifetime
{
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _keysLock = new(1, 1); // tests ask for clients in parallel
    private TestDatabase? _database;
    private GccSaaSFactory? _factory;

    public ManualClock Clock { get; } = new(start);

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory Factory => _factory ?? throw new InvalidOperationException("Fixture not initialised.");

    public IServiceProvider Services => Factory.Services;

    /// <summary>Settings a derived fixture adds to (or overrides in) the host's configuration.</summary>
    protected virtual IReadOnlyDictionary<string, string?> HostSettings { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// True to serve over a real Kestrel socket on a loopback port instead of the in-memory test server, so
    /// what the server itself enforces (request body limits, HTTP parsing) is part of the test.
    /// </summary>
    protected virtual bool UseKestrel => false;

    public virtual async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var settings = new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Jobs:Enabled"] = "false" };
        foreach (var (key, value) in HostSettings)
        {
            settings[key] = value;
        }

        _factory = new GccSaaSFactory(_database, services => services.AddSingleton<TimeProvider>(Clock), settings);
        if (UseKestrel)
        {
            _factory.StartKestrel(); // migrates and seeds
        }
        else
        {
            _ = _factory.Server; // migrates and seeds
        }
    }

    public virtual async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _keysLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The fixture's database: by default on the shared cluster (build/pg.sh).</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();

    public async Task<PortalClient> SignedInAsync(string email, string password = PortalClient.DemoPassword)
    {
        var portal = new PortalClient(Factory);
        var response = await portal.SignInAsync(email, password);
        Assert.True(response.Status == System.Net.HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.Status}.");
        return portal;
    }

    /// <summary>An API client of a demo tenant with a key of <paramref name="role"/> (made once per tenant and role by its Global admin).</summary>
    public async Task<HttpClient> ApiAsync(string tenant, string role = "SalesAgent") =>
        ApiClient.Create(Factory, await KeyAsync(tenant + "/" + role, async () =>
        {
            using var admin = await SignedInAsync(IdentityJourneys.GlobalAdminOf(tenant));
            var (_, key) = await admin.CreateApiKeyAsync(tenant, role);
            return key;
        }));

    /// <summary>An API client with a key a reseller admin made for its own organisation, carrying a reseller role (issue 18; made once per admin and role).</summary>
    public async Task<HttpClient> ResellerApiAsync(string tenant, string resellerAdminEmail, string password, string role) =>
        ApiClient.Create(Factory, await KeyAsync(tenant + "/" + resellerAdminEmail + "/" + role, async () =>
        {
            using var admin = await SignedInAsync(resellerAdminEmail, password);
            var (_, key) = await admin.CreateApiKeyAsync(tenant, role);
            return key;
        }));

    /// <summary>An API client with a platform key (gccp_) of a platform user (made once per user, on /platform/api-keys).</summary>
    public async Task<HttpClient> PlatformApiAsync(string email) =>
        ApiClient.Create(Factory, await KeyAsync("platform/" + email, async () =>
        {
            using var portal = await SignedInAsync(email);
            var response = await portal.PostFormAsync("/platform/api-keys", "/platform/api-keys?handler=Create",
                PortalClient.Fields(("Name", "tests")));
            return PortalClient.TextOf(response.Html, "api-key-secret") ?? throw new InvalidOperationException("No platform key shown.");
        }));

    private async Task<string> KeyAsync(string cacheKey, Func<Task<string>> create)
    {
        await _keysLock.WaitAsync();
        try
        {
            if (!_keys.TryGetValue(cacheKey, out var key))
            {
                key = await create();
                _keys[cacheKey] = key;
            }

            return key;
        }
        finally
        {
            _keysLock.Release();
        }
    }

    /// <summary>
    /// R-VAL-4: the tenant's partner organisation holds Government_community_cloud, as Validation's approval gives it:
    /// the approval is delivered through the Partners outbox like Validation's notification.
    /// </summary>
    public async Task GrantGccQualificationAsync(TenantInfo tenant, Guid organisationId)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        using (Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            await using var scope = Services.CreateAsyncScope();
            var partners = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
            partners.EnqueueNotification(new PartnerGccValidationApprovedNotification(tenant.Id, Guid.NewGuid(), organisationId, Clock.GetUtcNow()), Clock);
            await partners.SaveChangesAsync();
        }

        var module = Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == PartnersModule.Name);
        await Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(module, tenant);
    }

    public async Task<TenantInfo> TenantAsync(string identifier)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync(identifier)
            ?? throw new InvalidOperationException($"No tenant {identifier}.");
    }
}
