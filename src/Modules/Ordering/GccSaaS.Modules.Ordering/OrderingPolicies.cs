namespace GccSaaS.Modules.Ordering;

/// <summary>Who may read the catalogue and who may buy (R-PAR-1, R-ORD-2, R-ORD-3), registered by <see cref="OrderingModule"/>.</summary>
internal sealed class OrderingPolicies : IRolePolicyTable
{
    /// <summary>
    /// The catalogue is readable by every member of the tenant, provider and reseller users alike. Platform users read
    /// it on no tenant's page: a tenant page must answer an unknown tenant as not found for them too.
    /// </summary>
    public const string CanReadCatalogue = "CanReadCatalogue";

    /// <summary>
    /// Carts, checkout, orders and subscriptions: provider users for every customer, reseller users for the customers
    /// associated with their organisation (the scope, not the policy, narrows them).
    /// </summary>
    public const string CanOrder = "CanOrder";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanReadCatalogue] = GccSaaSRoles.TenantRoles,
        [CanOrder] = GccSaaSRoles.TenantRoles,
    };
}
