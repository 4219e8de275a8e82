namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// Who is acting: a signed-in user (portal), an API key (its creator's tenant and role), or nobody (a job).
/// <see cref="TenantRole"/> is the role in the current tenant; <see cref="ResellerOrganisationId"/> names
/// the reseller organisation (partner directory id) of a reseller user, whose view is limited to the
/// customers associated with it.
/// </summary>
public sealed record CurrentUser(
    Guid UserId,
    string DisplayName,
    string? Email,
    string? TenantRole,
    Guid? ResellerOrganisationId,
    IReadOnlyList<string> PlatformRoles,
    Guid? ApiKeyId = null)
{
    public bool IsReseller => TenantRole is not null && GccSaaSRoles.IsResellerRole(TenantRole);

    public bool HasPlatformRole(string role) => PlatformRoles.Contains(role);
}

public interface ICurrentUserAccessor
{
    CurrentUser? Current { get; }
}
