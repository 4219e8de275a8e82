using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Host.Resources;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Host.Portal;

/// <summary>One link of the main navigation, its text and its dashboard line in the user's language.</summary>
internal sealed record NavigationItem(string Key, string Text, string Description, string Href, bool IsCurrent, PortalGroup Group = PortalGroup.Home);

/// <summary>What the layout shows about where the user is: the tenant (only to a member) and the links.</summary>
internal sealed record PortalView(TenantInfo? Tenant, CurrentUser? User, IReadOnlyList<NavigationItem> Items, IReadOnlyList<NavigationItem> PlatformItems);

/// <summary>
/// Navigation by role (R-PAR-1, DOMAIN.md actors): provider users, reseller users, platform users and
/// customer administrators each see their own links. Each module adds its links in its own registration
/// (<see cref="PortalLink"/>); a link appears only when the user's role may use it and the page exists (see
/// <see cref="PortalRoutes"/>).
/// </summary>
internal sealed class PortalNavigation(PortalRoutes routes, IEnumerable<PortalLink> links, IStringLocalizerFactory localizers)
{
    private readonly PortalLink[] _tenantLinks = [.. links.Where(l => l.Area == PortalArea.Tenant).OrderBy(l => l.Group).ThenBy(l => l.Order)];
    private readonly PortalLink[] _platformLinks = [.. links.Where(l => l.Area == PortalArea.Platform).OrderBy(l => l.Order)];

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
            foreach (var link in _tenantLinks)
            {
                if ((link.Roles is null || link.Roles.Contains(role)) && routes.Exists(link.Template))
                {
                    items.Add(Item(link, link.Template.Replace("{tenant}", tenant.Identifier, StringComparison.Ordinal), path));
                }
            }
        }

        var platformItems = new List<NavigationItem>();
        if (user is not null && GccSaaSRoles.PlatformRoles.Any(user.HasPlatformRole))
        {
            foreach (var link in _platformLinks)
            {
                if ((link.Roles is null || link.Roles.Any(user.HasPlatformRole)) && routes.Exists(link.Template))
                {
                    platformItems.Add(Item(link, link.Template, path));
                }
            }
        }

        // A customer administrator acts through invitations only (DOMAIN.md actors).
        if (user is not null && (user.HasPlatformRole(GccSaaSRoles.CustomerAdministrator) || user.TenantRole == GccSaaSRoles.CustomerAdministrator)
            && routes.Exists("/invitations"))
        {
            items.Add(Item(InvitationsLink, "/invitations", path));
        }

        return new PortalView(tenant, user, items, platformItems);
    }

    private static readonly PortalLink InvitationsLink =
        new("invitations", PortalArea.Tenant, "/invitations", typeof(SharedResource), "Nav_Invitations", 0);

    private NavigationItem Item(PortalLink link, string href, string path)
    {
        // The dashboard and the platform home are current only on themselves; a section is current
        // on its own pages too (/t/users/invite highlights Users).
        var isHome = href.EndsWith('/') || href == "/platform";
        var current = isHome
            ? string.Equals(path.TrimEnd('/'), href.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            : path.Equals(href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase);
        var text = localizers.Create(link.TextResource);
        return new NavigationItem(link.Key, text[link.TextKey], text[link.TextKey + "_Description"], href, current, link.Group);
    }
}
