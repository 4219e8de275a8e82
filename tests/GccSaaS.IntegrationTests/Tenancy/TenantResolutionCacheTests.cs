using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// Issue 19: the tenant a request resolves to is kept by each host for a short lifetime (<see cref="TenantResolutionCache"/>),
/// over the real store on the real database. A test counts the store's reads through a pass-through wrapper.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TenantResolutionCacheTests(PlatformFixture fixture)
{
    [Fact]
    public async Task A_resolved_tenant_is_read_once_per_lifetime_by_id_and_by_identifier_alike()
    {
        var tenant = await fixture.Services.CreateTenantAsync("cache");
        await using var scope = fixture.Services.CreateAsyncScope();
        var store = new CountingStore(scope.ServiceProvider.GetRequiredService<ITenantStore>());
        var cached = Cache(TimeSpan.FromMinutes(10)).Over(store);

        Assert.Equal(tenant, await cached.FindByIdAsync(tenant.Id));
        Assert.Equal(tenant, await cached.FindByIdAsync(tenant.Id));
        Assert.Equal(tenant, await cached.FindByIdentifierAsync(tenant.Identifier.ToUpperInvariant()));
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task Unknown_and_suspended_tenants_are_never_kept()
    {
        var tenant = await fixture.Services.CreateTenantAsync("held");
        await using var scope = fixture.Services.CreateAsyncScope();
        var store = new CountingStore(scope.ServiceProvider.GetRequiredService<ITenantStore>());
        var cached = Cache(TimeSpan.FromMinutes(10)).Over(store);

        Assert.Null(await cached.FindByIdentifierAsync("no-such-tenant-" + Guid.NewGuid().ToString("N")[..8]));
        Assert.Null(await cached.FindByIdAsync(Guid.NewGuid()));
        await SuspendAsync(tenant.Id);
        Assert.False((await cached.FindByIdAsync(tenant.Id))!.IsActive);
        Assert.False((await cached.FindByIdAsync(tenant.Id))!.IsActive);
        Assert.Equal(4, store.Reads);
    }

    [Fact]
    public async Task A_suspension_is_seen_once_the_lifetime_has_passed_and_at_once_without_a_cache()
    {
        var tenant = await fixture.Services.CreateTenantAsync("susp");
        await using var scope = fixture.Services.CreateAsyncScope();
        var real = scope.ServiceProvider.GetRequiredService<ITenantStore>();
        var shortLived = Cache(TimeSpan.FromMilliseconds(1)).Over(real);
        var none = Cache(TimeSpan.Zero).Over(real);
        Assert.Same(real, none);

        Assert.True((await shortLived.FindByIdAsync(tenant.Id))!.IsActive);
        await SuspendAsync(tenant.Id);
        await Task.Delay(50); // past the 1 ms lifetime on the monotonic clock

        Assert.False((await shortLived.FindByIdAsync(tenant.Id))!.IsActive);
        Assert.False((await shortLived.FindByIdentifierAsync(tenant.Identifier))!.IsActive);
    }

    [Fact]
    public void The_host_resolves_through_one_cache_with_a_lifetime_of_seconds()
    {
        var options = fixture.Services.GetRequiredService<IOptions<TenancyOptions>>().Value;
        Assert.InRange(options.ResolutionCache, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Same(fixture.Services.GetRequiredService<TenantResolutionCache>(), fixture.Services.GetRequiredService<TenantResolutionCache>());
    }

    private static TenantResolutionCache Cache(TimeSpan lifetime) =>
        new(Options.Create(new TenancyOptions { ResolutionCache = lifetime }));

    private async Task SuspendAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE platform.tenants SET status = 'Suspended' WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", tenantId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The real store, counting the lookups that reach it.</summary>
    private sealed class CountingStore(ITenantLookup store) : ITenantLookup
    {
        public int Reads { get; private set; }

        public Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default)
        {
            Reads++;
            return store.FindByIdAsync(id, cancellationToken);
        }

        public Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
        {
            Reads++;
            return store.FindByIdentifierAsync(identifier, cancellationToken);
        }
    }
}
