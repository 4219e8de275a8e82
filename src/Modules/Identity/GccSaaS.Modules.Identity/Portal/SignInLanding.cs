using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// Where a user lands after signing in: the page they asked for; else their only tenant; else the tenant
/// switch when they have several; else the platform's tenants for a platform-only user. With the landing comes the
/// tenant whose workspace it is, when it is one of the user's (the platform audit log records the sign-in under it,
/// issue 16).
/// </summary>
internal sealed class SignInLanding(UserMemberships memberships, UserManager<GccSaaSUser> users)
{
    public async Task<(string Url, Guid? TenantId)> ForAsync(GccSaaSUser user, string? returnUrl, Func<string?, bool> isLocalUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(isLocalUrl);
        var list = await memberships.ListAsync(user.Id);
        if (!string.IsNullOrEmpty(returnUrl) && returnUrl != "/" && isLocalUrl(returnUrl))
        {
            var first = returnUrl.Split('?', '#')[0].TrimStart('/').Split('/')[0];
            var tenant = list.FirstOrDefault(m => string.Equals(m.Tenant.Identifier, first, StringComparison.OrdinalIgnoreCase));
            return (returnUrl, tenant?.Tenant.Id);
        }

        if (list.Count == 1)
        {
            return ($"/{list[0].Tenant.Identifier}/", list[0].Tenant.Id);
        }

        if (list.Count == 0 && await users.IsInRoleAsync(user, GccSaaSRoles.PlatformAdmin))
        {
            return ("/platform/tenants", null);
        }

        if (list.Count == 0 && await users.IsInRoleAsync(user, GccSaaSRoles.ValidationReviewer))
        {
            return ("/platform", null);
        }

        return ("/select-tenant", null);
    }
}
