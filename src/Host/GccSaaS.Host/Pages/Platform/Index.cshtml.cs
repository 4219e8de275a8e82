using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Shell.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages.Platform;

/// <summary>The platform operators' home: the platform's figures and the tasks of their roles.</summary>
[Authorize(Policy = GccSaaSPolicies.PlatformUser)]
internal sealed class PlatformHomeModel(ITenantStore tenants, PortalNavigation navigation, IEnumerable<IPlatformDashboardFigures> figures) : PageModel
{
    public long ActiveTenants { get; private set; }

    /// <summary>Figures modules add for the user's platform roles (e.g. the review desk's open and overdue cases).</summary>
    public IReadOnlyList<DashboardFigure> Figures { get; private set; } = [];

    public IReadOnlyList<NavigationItem> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActiveTenants = await tenants.CountActiveAsync(cancellationToken);
        var added = new List<DashboardFigure>();
        foreach (var source in figures)
        {
            added.AddRange(await source.GetAsync(cancellationToken));
        }

        Figures = [.. added.OrderBy(f => f.Order)];
        Tasks = [.. navigation.For(HttpContext).PlatformItems.Where(i => i.Key != "platform")];
    }
}
