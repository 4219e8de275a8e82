namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>
/// The orders the platform's tenants list offers, each served by an index of <c>platform.tenants</c>: the name
/// (lower-case, then id), the identifier (unique) and when the tenant was created (then id).
/// </summary>
public static class TenantListSorts
{
    public const string Name = "name";
    public const string Identifier = "identifier";
    public const string Created = "created";

    public static readonly IReadOnlyList<string> All = [Name, Identifier, Created];
}

/// <summary>
/// The keyset of a row of the tenants list: the sort's text (lower-case name, or identifier) or creation time, then
/// the tenant id.
/// </summary>
public sealed record TenantListCursor(string Key, Guid Id, DateTimeOffset? CreatedAt = null);

/// <summary>
/// One keyset page of the active tenants: <paramref name="Search"/> matches the start of the name (any case) or of
/// the identifier; <paramref name="Take"/> rows strictly after <paramref name="After"/> in the order
/// <paramref name="Sort"/> (one of <see cref="TenantListSorts"/>), <paramref name="Descending"/> or not.
/// </summary>
public sealed record TenantListQuery(string? Search, string Sort, bool Descending, TenantListCursor? After, int Take);

/// <summary>A row of the tenants list with its keyset values.</summary>
public sealed record TenantListRow(TenantInfo Tenant, string SortName, DateTimeOffset CreatedAt)
{
    public TenantListCursor Cursor(string sort) => sort switch
    {
        TenantListSorts.Identifier => new(Tenant.Identifier, Tenant.Id),
        TenantListSorts.Created => new(string.Empty, Tenant.Id, CreatedAt),
        _ => new(SortName, Tenant.Id),
    };
}
