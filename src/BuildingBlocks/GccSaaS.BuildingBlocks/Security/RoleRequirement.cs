using System.Security.Claims;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// One named policy (the platform's in <see cref="GccSaaSPolicies.Roles"/>, each module's own registered with
/// <see cref="RolePolicies.AddRolePolicy"/>): tenant roles are satisfied by the caller's role
/// in the resolved tenant, platform roles by the caller's platform-wide roles.
/// </summary>
public sealed class RoleRequirement(string policy, IReadOnlyList<string> roles) : IAuthorizationRequirement
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

/// <summary>
/// How a module names who may do what: <c>services.AddRolePolicy(name, roles)</c> in its own <c>Add…Module</c>, so
/// a new policy touches no shared file. Every policy is satisfied the same way (<see cref="RoleRequirement"/>).
/// </summary>
public static class RolePolicies
{
    public static IServiceCollection AddRolePolicy(this IServiceCollection services, string policy, IReadOnlyList<string> roles)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        ArgumentNullException.ThrowIfNull(roles);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, RoleRequirementHandler>());
        services.Configure<AuthorizationOptions>(o =>
            o.AddPolicy(policy, p => p.RequireAuthenticatedUser().AddRequirements(new RoleRequirement(policy, roles))));
        return services;
    }

    /// <summary>Registers every policy of a table of policy names and the roles that satisfy each.</summary>
    public static IServiceCollection AddRolePolicies(this IServiceCollection services, IReadOnlyDictionary<string, IReadOnlyList<string>> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        foreach (var (policy, roles) in policies)
        {
            services.AddRolePolicy(policy, roles);
        }

        return services;
    }
}

/// <summary>
/// A module's table of named policies and the roles that satisfy each. <c>AddModule</c> finds every table in the
/// module's assembly and registers its policies (issue 12: the module root no longer lists them); the platform's own
/// table is <see cref="GccSaaSPolicies.Roles"/>.
/// </summary>
public interface IRolePolicyTable
{
    static abstract IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; }
}
