using GccSaaS.Modules.Identity.Api;
using GccSaaS.Modules.Identity.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GccSaaS.Modules.Identity.Authorization;

/// <summary>
/// Refusals that do not reveal a tenant: a caller refused by a tenant-role policy who has no membership in
/// the resolved tenant (or whose URL names no tenant at all) gets 404, exactly as for a tenant that does not
/// exist. A member whose role does not allow the action gets 403.
/// </summary>
internal sealed class TenantAwareAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden
            && policy.Requirements.OfType<RoleRequirement>().Any(r => r.TenantRoles.Count > 0)
            && RoleRequirement.RoleInTenant(context.User, context.GetTenant()) is null)
        {
            await NotFoundAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    public static Task NotFoundAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ApiKeyDefaults.AppliesTo(context.Request))
        {
            return ApiProblem.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "The resource does not exist.");
        }

        // The portal's status code pages render the body.
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
