using GccSaaS.Modules.Customers.Contracts;

namespace GccSaaS.Modules.Customers;

/// <summary>The roles that satisfy each of <see cref="CustomersPolicies"/>, registered by <see cref="CustomersModule"/>.</summary>
internal sealed class CustomersRolePolicies : IRolePolicyTable
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CustomersPolicies.CanManageCustomers] = GccSaaSRoles.ProviderRoles,
        [CustomersPolicies.CanWorkWithCustomers] = GccSaaSRoles.TenantRoles,
    };
}
