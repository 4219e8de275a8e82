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
/// Named authorization policies, used by every endpoint and page. Each names the roles (in the current
/// tenant, or platform-wide for platform roles) that satisfy it.
/// </summary>
public static class GccSaaSPolicies
{
    /// <summary>Any membership in the current tenant.</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>Provider users (Global admin, Admin agent, Sales agent) in the current tenant.</summary>
    public const string ProviderUser = "ProviderUser";

    /// <summary>R-PAR-1, R-REL-1: indirect-provider tasks.</summary>
    public const string CanRequestPartnership = "CanRequestPartnership";

    /// <summary>R-REL-3: removing a partnership is the tenant admin's act.</summary>
    public const string CanRemovePartnership = "CanRemovePartnership";

    /// <summary>Users, roles and invitations of the tenant.</summary>
    public const string CanManageUsers = "CanManageUsers";

    /// <summary>Tenant-scoped API keys.</summary>
    public const string CanManageApiKeys = "CanManageApiKeys";

    public const string CanReadAuditLog = "CanReadAuditLog";

    /// <summary>R-PAR-1: selling GCC is for Admin and Sales agents.</summary>
    public const string CanSellGcc = "CanSellGcc";

    /// <summary>R-REL-5, R-PC-6: customer invitations and agreement attestations.</summary>
    public const string CanManageCustomers = "CanManageCustomers";

    /// <summary>Provider and reseller users who work with customers (resellers see only their own).</summary>
    public const string CanWorkWithCustomers = "CanWorkWithCustomers";

    /// <summary>R-VAL-1: a direct-bill partner's Global admin submits the partner validation.</summary>
    public const string CanSubmitPartnerValidation = "CanSubmitPartnerValidation";

    /// <summary>R-PAR-5: an indirect provider's Global admin asks the operator to change its listing.</summary>
    public const string CanRequestListingChange = "CanRequestListingChange";

    /// <summary>R-VAL-5, R-VAL-6: every tenant role submits customer validations (resellers through their provider's workspace).</summary>
    public const string CanSubmitCustomerValidation = "CanSubmitCustomerValidation";

    public const string PlatformAdmin = "PlatformAdmin";

    public const string ValidationReviewer = "ValidationReviewer";

    /// <summary>Any platform role: the platform home.</summary>
    public const string PlatformUser = "PlatformUser";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>
    {
        [TenantMember] = GccSaaSRoles.TenantRoles,
        [ProviderUser] = GccSaaSRoles.ProviderRoles,
        [CanRequestPartnership] = [GccSaaSRoles.GlobalAdmin, GccSaaSRoles.SalesAgent],
        [CanRemovePartnership] = [GccSaaSRoles.GlobalAdmin],
        [CanManageUsers] = [GccSaaSRoles.GlobalAdmin],
        [CanManageApiKeys] = [GccSaaSRoles.GlobalAdmin],
        [CanReadAuditLog] = [GccSaaSRoles.GlobalAdmin],
        [CanSellGcc] = [GccSaaSRoles.AdminAgent, GccSaaSRoles.SalesAgent],
        [CanManageCustomers] = [GccSaaSRoles.GlobalAdmin, GccSaaSRoles.AdminAgent, GccSaaSRoles.SalesAgent],
        [CanWorkWithCustomers] = GccSaaSRoles.TenantRoles,
        [CanSubmitPartnerValidation] = [GccSaaSRoles.GlobalAdmin],
        [CanRequestListingChange] = [GccSaaSRoles.GlobalAdmin],
        [CanSubmitCustomerValidation] = GccSaaSRoles.TenantRoles,
        [PlatformAdmin] = [GccSaaSRoles.PlatformAdmin],
        [ValidationReviewer] = [GccSaaSRoles.ValidationReviewer],
        [PlatformUser] = GccSaaSRoles.PlatformRoles,
    };
}
