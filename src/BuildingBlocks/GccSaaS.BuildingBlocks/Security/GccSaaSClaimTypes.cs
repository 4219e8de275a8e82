namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// Claim types the portal and the API put on the signed-in principal. The user id is
/// <c>ClaimTypes.NameIdentifier</c> and platform roles are <c>ClaimTypes.Role</c>; the tenant claims are
/// added per request from the membership in the resolved tenant, so a role change or a removal takes
/// effect on the next request, not at the next sign-in.
/// </summary>
public static class GccSaaSClaimTypes
{
    /// <summary>The user's role in the current tenant (one of <see cref="GccSaaSRoles.TenantRoles"/>).</summary>
    public const string TenantRole = "gccsaas:tenant_role";

    /// <summary>The current tenant's id, next to <see cref="TenantRole"/>, so a claim never outlives its tenant.</summary>
    public const string TenantId = "gccsaas:tenant_id";

    /// <summary>A reseller user's reseller organisation (partner directory id) in the current tenant.</summary>
    public const string ResellerOrganisation = "gccsaas:reseller_org";

    /// <summary>The name people see (users) or the key's name (API keys).</summary>
    public const string DisplayName = "gccsaas:display_name";

    /// <summary>Set when the caller authenticated with an API key: the key's id.</summary>
    public const string ApiKeyId = "gccsaas:api_key_id";

    /// <summary>The user's chosen time zone (an IANA id such as Europe/Berlin); absent when the browser's is used.</summary>
    public const string TimeZone = "gccsaas:time_zone";
}
