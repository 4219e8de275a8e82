using System.Security.Claims;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authorization;

namespace GccSaaS.Modules.Identity.Authorization;

/// <summary>
/// One named policy of <see cref="GccSaaSPolicies.Roles"/>: tenant roles are satisfied by the caller's role
/// in the resolved tenant, platform roles by the caller's platform-wide roles.
/// </summary>
internal sealed class RoleRequirement(string policy, IReadOnlyList<string> roles) : IAuthorizationRequirement
{
    public string Policy { get; } = policy;

    public IReadOnlyList<string> TenantRoles { get; } = [.. roles.Where(GccSaaSRoles.IsTenantRole)];

    public IReadOnlyList<string> PlatformRoles { get; } = [.. roles.Where(r => GccSaaSRoles.PlatformRoles.Contains(r))];

    public bool IsSatisfiedBy(ClaimsPrincipal user, TenantInfo? tenant) =>
        PlatformRoles.Any(user.IsInRole)
        || (TenantRoles.Count > 0 && RoleInTenant(user, tenant) is { } role && TenantRoles.Contains(role));

    /// <summary>The caller's role in the tenant, only when the tenant claims name that very tenant.</summary>
    public static string? RoleInTenant(ClaimsPrincipal user, TenantInfo? tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        return tenant is not null && user.FindFirstValue(GccSaaSClaimTypes.TenantId) == tenant.Id.ToString("D")
            ? user.FindFirstValue(GccSaaSClaimTypes.TenantRole)
            : null;
    }
}

internal sealed class RoleRequirementHandler(ITenantContextAccessor tenants) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var tenant = (context.Resource as HttpContext)?.GetTenant() ?? tenants.Current;
        if (requirement.IsSatisfiedBy(context.User, tenant))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
