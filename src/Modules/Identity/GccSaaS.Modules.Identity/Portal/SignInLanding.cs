using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// Where a user lands after signing in: the page they asked for; else their only tenant; else the tenant
/// switch when they have several; else the platform's tenants for a platform-only user.
/// </summary>
internal sealed class SignInLanding(UserMemberships memberships, UserManager<GccSaaSUser> users)
{
    public async Task<string> UrlForAsync(GccSaaSUser user, string? returnUrl, Func<string?, bool> isLocalUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(isLocalUrl);
        if (!string.IsNullOrEmpty(returnUrl) && returnUrl != "/" && isLocalUrl(returnUrl))
        {
            return returnUrl;
        }

        var list = await memberships.ListAsync(user.Id);
        if (list.Count == 1)
        {
            return $"/{list[0].Tenant.Identifier}/";
        }

        if (list.Count == 0 && await users.IsInRoleAsync(user, GccSaaSRoles.PlatformAdmin))
        {
            return "/platform/tenants";
        }

        if (list.Count == 0 && await users.IsInRoleAsync(user, GccSaaSRoles.ValidationReviewer))
        {
            return "/platform";
        }

        return "/select-tenant";
    }
}
