using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>Settings of <see cref="TenantResolutionCache"/> (section <c>Tenancy</c>).</summary>
public sealed class TenancyOptions
{
    public const string Section = "Tenancy";

    /// <summary>
    /// How long a host keeps serving a resolved tenant without reading <c>platform.tenants</c> again; also how long a
    /// tenant that was suspended can still be reached through that host. Zero reads it on every request.
    /// </summary>
    public TimeSpan ResolutionCache { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Issue 19: every request resolved its tenant with a round trip to <c>platform.tenants</c> (by the route's identifier,
/// or by the API key's tenant id), 5.6 % of a <c>/v1</c> request's CPU. This host-wide memory keeps each active tenant
/// found for <see cref="TenancyOptions.ResolutionCache"/> (5 s by default; a suspension reaches every host within it).
/// Only tenants that exist and are active are kept, so unknown identifiers cannot grow it and a new tenant is found
/// at once; it is bounded by the number of active tenants. Expiry runs on the monotonic clock, not business time.
/// Used for request resolution only: commands that decide on a tenant's state read the store itself.
/// </summary>
public sealed class TenantResolutionCache(IOptions<TenancyOptions> options)
{
    private readonly ConcurrentDictionary<Guid, Entry> _byId = new();
    private readonly ConcurrentDictionary<string, Entry> _byIdentifier = new(StringComparer.Ordinal);
    private readonly long _lifetimeMs = (long)options.Value.ResolutionCache.TotalMilliseconds;

    /// <summary>The lookup the resolution strategies use: the store's, through this cache.</summary>
    public ITenantLookup Over(ITenantLookup store) => _lifetimeMs <= 0 ? store : new CachedLookup(store, this);

    private async Task<TenantInfo?> FindAsync<TKey>(ConcurrentDictionary<TKey, Entry> entries, TKey key, Func<Task<TenantInfo?>> load)
        where TKey : notnull
    {
        var now = Environment.TickCount64;
        if (entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            return entry.Tenant;
        }

        var tenant = await load();
        if (tenant is { IsActive: true })
        {
            var fresh = new Entry(tenant, now + _lifetimeMs);
            _byId[tenant.Id] = fresh;
            _byIdentifier[tenant.Identifier] = fresh;
        }
        else if (tenant is not null)
        {
            _byId.TryRemove(tenant.Id, out _);
            _byIdentifier.TryRemove(tenant.Identifier, out _);
        }

        return tenant;
    }

    private sealed record Entry(TenantInfo Tenant, long ExpiresAt);

    private sealed class CachedLookup(ITenantLookup store, TenantResolutionCache cache) : ITenantLookup
    {
        public Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default) =>
            cache.FindAsync(cache._byId, id, () => store.FindByIdAsync(id, cancellationToken));

        public Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(identifier);
            return cache.FindAsync(cache._byIdentifier, identifier.Trim().ToLowerInvariant(), () => store.FindByIdentifierAsync(identifier, cancellationToken));
        }
    }
}
