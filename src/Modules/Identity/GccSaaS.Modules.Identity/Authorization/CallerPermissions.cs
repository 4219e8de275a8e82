namespace GccSaaS.Modules.Identity.Authorization;

/// <summary>
/// The same policies, checked again inside command handlers (pages and endpoints check them first): a
/// command acts only in the caller's current tenant, and only with a role the policy names.
/// </summary>
internal sealed class CallerPermissions(ICurrentUserAccessor users, ITenantContextAccessor tenants)
{
    /// <summary>The caller and the current tenant, when the caller holds <paramref name="policy"/> there.</summary>
    public (CurrentUser Caller, TenantInfo Tenant) RequireInTenant(string policy, Guid tenantId)
    {
        // Another tenant's id is "not found", never "forbidden" (R-PC-10 shape, no existence leak).
        if (tenants.Current is not { } tenant || tenant.Id != tenantId || users.Current is not { TenantRole: { } role } caller)
        {
            throw new DomainRuleException("tenant_not_found", "Not found.", DomainErrorKind.NotFound);
        }

        if (!IdentityPolicies.RolesOf(policy).Contains(role))
        {
            throw new DomainRuleException("forbidden", "Your role in this tenant does not allow this action.", DomainErrorKind.Forbidden);
        }

        return (caller, tenant);
    }

    /// <summary>The caller, when they hold the platform-wide role that <paramref name="policy"/> names.</summary>
    public CurrentUser RequirePlatform(string policy)
    {
        var caller = users.Current;
        if (caller is null || !IdentityPolicies.RolesOf(policy).Any(caller.HasPlatformRole))
        {
            throw new DomainRuleException("forbidden", "Only the platform operator may do this.", DomainErrorKind.Forbidden);
        }

        return caller;
    }

    /// <summary>The signed-in user (any user acting on their own account).</summary>
    public CurrentUser RequireSignedIn() =>
        users.Current is { ApiKeyId: null } caller
            ? caller
            : throw new DomainRuleException("unauthorized", "Sign in first.", DomainErrorKind.Forbidden);
}
