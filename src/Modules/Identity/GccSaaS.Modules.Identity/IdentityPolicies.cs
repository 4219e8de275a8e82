namespace GccSaaS.Modules.Identity;

/// <summary>Who manages a tenant's users and API keys (the tenant's Global admin).</summary>
internal sealed class IdentityPolicies : IRolePolicyTable
{
    /// <summary>Users, roles and invitations of the tenant.</summary>
    public const string CanManageUsers = "CanManageUsers";

    /// <summary>Tenant-scoped API keys: a Global admin's (provider roles), a reseller admin's (its organisation's, issue 18).</summary>
    public const string CanManageApiKeys = "CanManageApiKeys";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanManageUsers] = [GccSaaSRoles.GlobalAdmin],
        [CanManageApiKeys] = [GccSaaSRoles.GlobalAdmin, GccSaaSRoles.ResellerAdmin],
    };

    /// <summary>The roles of one of Identity's policies or of the platform's own (<see cref="GccSaaSPolicies"/>).</summary>
    public static IReadOnlyList<string> RolesOf(string policy) =>
        Roles.TryGetValue(policy, out var roles) ? roles : GccSaaSPolicies.Roles[policy];
}
