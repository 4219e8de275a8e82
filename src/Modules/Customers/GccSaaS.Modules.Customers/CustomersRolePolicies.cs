using GccSaaS.Modules.Customers.Contracts;

namespace GccSaaS.Modules.Customers;

/// <summary>The roles that satisfy each of <see cref="CustomersPolicies"/>, registered by <see cref="CustomersModule"/>.</summary>
internal static class CustomersRolePolicies
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>
    {
        [CustomersPolicies.CanManageCustomers] = GccSaaSRoles.ProviderRoles,
        [CustomersPolicies.CanWorkWithCustomers] = GccSaaSRoles.TenantRoles,
    };
}
