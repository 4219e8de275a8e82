namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>Finding one tenant, by its identifier (the portal's route) or its id (an API key's): all a request's tenant resolution needs.</summary>
public interface ITenantLookup
{
    Task<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    Task<TenantInfo?> FindByIdAsync(Guid id, CancellationToken cancellationToken = default);
}

/// <summary>The platform's list of tenants (schema <c>platform</c>).</summary>
public interface ITenantStore : ITenantLookup
{
    /// <summary>
    /// The tenants of <paramref name="ids"/> (active or not) by id, in one query: for a page or a list that names several
    /// tenants, instead of one <see cref="ITenantLookup.FindByIdAsync"/> per row. An id no tenant has is absent.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, TenantInfo>> FindByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>Active tenants in id order, one page at a time (keyset: pass the last id seen).</summary>
    Task<IReadOnlyList<TenantInfo>> ListActiveAsync(Guid? after, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>The platform's tenants list: one keyset page of the active tenants, searched and sorted (see <see cref="TenantListQuery"/>).</summary>
    Task<IReadOnlyList<TenantListRow>> SearchActiveAsync(TenantListQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many tenants are active (one indexed count, for dashboards).</summary>
    Task<long> CountActiveAsync(CancellationToken cancellationToken = default);

    Task<TenantInfo> CreateAsync(string identifier, string name, CancellationToken cancellationToken = default);
}
