using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Diagnostics;

namespace GccSaaS.Host.Portal;

/// <summary>One link of the main navigation; <see cref="TextKey"/> names its text in SharedResource.</summary>
internal sealed record NavigationItem(string Key, string TextKey, string Href, bool IsCurrent);

/// <summary>What the layout shows about where the user is: the tenant (only to a member) and the links.</summary>
internal sealed record PortalView(TenantInfo? Tenant, CurrentUser? User, IReadOnlyList<NavigationItem> Items, IReadOnlyList<NavigationItem> PlatformItems);

/// <summary>
/// Navigation by role (R-PAR-1, DOMAIN.md actors): provider users, reseller users, platform users and
/// customer administrators each see their own links. A link appears only when the user's role may use
/// it and the page exists (see <see cref="PortalRoutes"/>).
/// </summary>
internal sealed class PortalNavigation(PortalRoutes routes)
{
    // Template, text key, roles that see it (null: every member). Order is the order on screen.
    private static readonly (string Key, string Template, string TextKey, IReadOnlyList<string>? Roles)[] TenantLinks =
    [
        ("dashboard", "/{tenant}/", "Nav_Dashboard", null),
        ("resellers", "/{tenant}/resellers", "Nav_Resellers", GccSaaSRoles.ProviderRoles),
        ("indirect-providers", "/{tenant}/indirect-providers", "Nav_IndirectProviders", GccSaaSRoles.ResellerRoles),
        ("pending-actions", "/{tenant}/pending-actions", "Nav_PendingActions", null),
        ("customers", "/{tenant}/customers", "Nav_Customers", null),
        ("profile", "/{tenant}/profile", "Nav_Profile", GccSaaSRoles.ProviderRoles),
        ("validation", "/{tenant}/validation", "Nav_Validation", null), // R-VAL-6: reseller users submit customers too
        ("orders", "/{tenant}/orders", "Nav_Orders", GccSaaSRoles.ProviderRoles),
        ("users", "/{tenant}/users", "Nav_Users", [GccSaaSRoles.GlobalAdmin]),
        ("api-keys", "/{tenant}/settings/api-keys", "Nav_ApiKeys", [GccSaaSRoles.GlobalAdmin]),
        ("invitation-settings", "/{tenant}/settings/invitations", "Nav_InvitationSettings", [GccSaaSRoles.GlobalAdmin]),
        ("audit", "/{tenant}/audit", "Nav_Audit", [GccSaaSRoles.GlobalAdmin]),
        ("notifications", "/{tenant}/notifications", "Nav_Notifications", null),
    ];

    private static readonly (string Key, string Template, string TextKey, string? Role)[] PlatformLinks =
    [
        ("platform", "/platform", "Nav_PlatformHome", null),
        ("tenants", "/platform/tenants", "Nav_Tenants", GccSaaSRoles.PlatformAdmin),
        ("partners", "/platform/partners", "Nav_Partners", GccSaaSRoles.PlatformAdmin),
        ("listing-requests", "/platform/listing-requests", "Nav_ListingRequests", GccSaaSRoles.PlatformAdmin),
        ("review-desk", "/platform/review-desk", "Nav_ReviewDesk", GccSaaSRoles.ValidationReviewer),
        ("jobs", Infrastructure.JobsDashboard.Path, "Nav_Jobs", GccSaaSRoles.PlatformAdmin), // the Hangfire Dashboard
        ("platform-api-keys", "/platform/api-keys", "Nav_PlatformApiKeys", null),
    ];

    public PortalView For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.RequestServices.GetService<ICurrentUserAccessor>()?.Current;

        // A status page (404, 403) never names the tenant: a 404 must look the same whether or not the
        // tenant exists, so nothing tenant-specific is shown there.
        var isStatusPage = context.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || context.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var tenant = isStatusPage || user?.TenantRole is null ? null : context.GetTenant();
        var path = context.Request.Path.Value ?? "/";

        var items = new List<NavigationItem>();
        if (tenant is not null && user?.TenantRole is { } role)
        {
            foreach (var (key, template, textKey, roles) in TenantLinks)
            {
                if ((roles is null || roles.Contains(role)) && routes.Exists(template))
                {
                    items.Add(Item(key, textKey, template.Replace("{tenant}", tenant.Identifier, StringComparison.Ordinal), path));
                }
            }
        }

        var platformItems = new List<NavigationItem>();
        if (user is not null && GccSaaSRoles.PlatformRoles.Any(user.HasPlatformRole))
        {
            foreach (var (key, template, textKey, platformRole) in PlatformLinks)
            {
                if ((platformRole is null || user.HasPlatformRole(platformRole)) && routes.Exists(template))
                {
                    platformItems.Add(Item(key, textKey, template, path));
                }
            }
        }

        // A customer administrator acts through invitations only (DOMAIN.md actors).
        if (user is not null && (user.HasPlatformRole(GccSaaSRoles.CustomerAdministrator) || user.TenantRole == GccSaaSRoles.CustomerAdministrator)
            && routes.Exists("/invitations"))
        {
            items.Add(Item("invitations", "Nav_Invitations", "/invitations", path));
        }

        return new PortalView(tenant, user, items, platformItems);
    }

    private static NavigationItem Item(string key, string textKey, string href, string path)
    {
        // The dashboard and the platform home are current only on themselves; a section is current
        // on its own pages too (/t/users/invite highlights Users).
        var isHome = href.EndsWith('/') || href == "/platform";
        var current = isHome
            ? string.Equals(path.TrimEnd('/'), href.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            : path.Equals(href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
        return new NavigationItem(key, textKey, href, current);
    }
}
