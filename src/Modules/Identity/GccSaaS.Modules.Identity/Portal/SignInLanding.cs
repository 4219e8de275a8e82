using GccSaaS.Modules.Identity.Data;
using Microsoft.AspNetCore.Identity;

namespace GccSaaS.Modules.Identity.Portal;

/// <summary>
/// Where a user lands after signing in: the page they asked for; else their only tenant; else the tenant
/// switch when they have several; else the platform's tenants for a platform-only user. With the landing comes the
/// tenant whose workspace it is, when it is one of the user's (the platform audit log records the sign-in under it,
/// issue 16).
/// </summary>
/// <remarks>
/// With a return URL the user's memberships are not listed (that was one query, plus one per membership before the
/// tenant store read them in one): the URL's first path segment names the workspace, if any. A segment that cannot
/// be a tenant's identifier (<c>/platform/…</c>, <c>/account/…</c>) reads nothing; one that can is resolved as the
/// redirect's own request resolves it (the host's <see cref="TenantResolutionCache"/>, which that request then finds
/// warm), and the user's membership in it is one indexed read.
/// </remarks>
internal sealed class SignInLanding(UserMemberships memberships, UserManager<GccSaaSUser> users, ITenantStore tenants, TenantResolutionCache cache)
{
    /// <summary>Any absolute base: only the path of a local URL resolved against it is read.</summary>
    private static readonly Uri LocalBase = new("http://localhost/");

    public async Task<(string Url, Guid? TenantId)> ForAsync(GccSaaSUser user, string? returnUrl, Func<string?, bool> isLocalUrl)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(isLocalUrl);
        if (!string.IsNullOrEmpty(returnUrl) && returnUrl != "/" && isLocalUrl(returnUrl))
        {
            return (returnUrl, await WorkspaceOfAsync(user.Id, returnUrl));
        }

        var list = await memberships.ListAsync(user.Id);
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

    /// <summary>The active tenant whose workspace <paramref name="returnUrl"/> opens, when the user is a member of it.</summary>
    private async Task<Guid?> WorkspaceOfAsync(Guid userId, string returnUrl)
    {
        // The path the browser will open: dot segments resolved (/a/../b/ opens b), query and fragment left out.
        var path = Uri.TryCreate(LocalBase, returnUrl, out var resolved) ? resolved.AbsolutePath : returnUrl.Split('?', '#')[0];
        var first = path.TrimStart('/').Split('/')[0].ToLowerInvariant();
        if (!TenantIdentifier.IsValid(first)
            || await cache.Over(tenants).FindByIdentifierAsync(first) is not { IsActive: true } tenant)
        {
            return null;
        }

        return await memberships.IsMemberAsync(userId, tenant.Id) ? tenant.Id : null;
    }
}
