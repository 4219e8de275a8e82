namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// The roles of R-PAR-1 and the actors table of DOMAIN.md. Provider and reseller roles are held per
/// tenant (a membership); platform roles are held platform-wide; a customer administrator acts through
/// an invitation link.
/// </summary>
public static class GccSaaSRoles
{
    public const string GlobalAdmin = "GlobalAdmin";
    public const string AdminAgent = "AdminAgent";
    public const string SalesAgent = "SalesAgent";
    public const string ResellerAdmin = "ResellerAdmin";
    public const string ResellerAgent = "ResellerAgent";
    public const string PlatformAdmin = "PlatformAdmin";
    public const string ValidationReviewer = "ValidationReviewer";
    public const string CustomerAdministrator = "CustomerAdministrator";

    public static readonly IReadOnlyList<string> ProviderRoles = [GlobalAdmin, AdminAgent, SalesAgent];
    public static readonly IReadOnlyList<string> ResellerRoles = [ResellerAdmin, ResellerAgent];
    public static readonly IReadOnlyList<string> TenantRoles = [GlobalAdmin, AdminAgent, SalesAgent, ResellerAdmin, ResellerAgent];
    public static readonly IReadOnlyList<string> PlatformRoles = [PlatformAdmin, ValidationReviewer];

    public static bool IsTenantRole(string role) => TenantRoles.Contains(role);

    public static bool IsResellerRole(string role) => ResellerRoles.Contains(role);
}

/// <summary>
/// The platform's own named authorization policies: membership, provider users, platform users. Each module
/// registers its own policies in its <c>Add…Module</c> (<see cref="RolePolicies.AddRolePolicy"/>). Each names the
/// roles (in the current tenant, or platform-wide for platform roles) that satisfy it.
/// </summary>
public static class GccSaaSPolicies
{
    /// <summary>Any membership in the current tenant.</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>Provider users (Global admin, Admin agent, Sales agent) in the current tenant.</summary>
    public const string ProviderUser = "ProviderUser";

    /// <summary>Reseller users (Reseller admin, Reseller agent) in the current tenant.</summary>
    public const string ResellerUser = "ResellerUser";

    public const string PlatformAdmin = "PlatformAdmin";

    /// <summary>Any platform role: the platform home.</summary>
    public const string PlatformUser = "PlatformUser";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>
    {
        [TenantMember] = GccSaaSRoles.TenantRoles,
        [ProviderUser] = GccSaaSRoles.ProviderRoles,
        [ResellerUser] = GccSaaSRoles.ResellerRoles,
        [PlatformAdmin] = [GccSaaSRoles.PlatformAdmin],
        [PlatformUser] = GccSaaSRoles.PlatformRoles,
    };
}
