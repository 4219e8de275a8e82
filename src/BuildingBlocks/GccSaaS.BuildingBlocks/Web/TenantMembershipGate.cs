using System.Security.Claims;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// A signed-in user without a membership in the tenant a portal URL names gets 404 for every URL of that tenant,
/// whatever the page (its existence is not revealed). Policies say the same per endpoint; this also covers a page
/// that forgot its policy. Reads claims only: Identity adds the tenant claims per request from the membership in
/// the resolved tenant (ADR 0006). Runs after authentication, before authorization.
/// </summary>
public static class TenantMembershipGate
{
    public static IApplicationBuilder UseTenantMembershipGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(static (context, next) =>
        {
            if (context.GetTenant() is { } tenant
                && !PartnerCenterApi.IsApiRequest(context.Request)
                && context.User.Identity is { IsAuthenticated: true }
                && !IsMemberOf(context.User, tenant))
            {
                // The portal's status code pages render the body.
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>Whether the principal's tenant claims name this very tenant with a role there.</summary>
    public static bool IsMemberOf(ClaimsPrincipal user, TenantInfo tenant)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(tenant);
        return user.FindFirstValue(GccSaaSClaimTypes.TenantId) == tenant.Id.ToString("D")
            && user.FindFirstValue(GccSaaSClaimTypes.TenantRole) is not null;
    }
}
