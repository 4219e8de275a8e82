using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages.Tenant;

/// <summary>
/// The tenant's dashboard: real figures from every registered <see cref="IDashboardFigures"/>, so each
/// module adds its own as it lands. One failing source does not take the page down.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
internal sealed partial class TenantDashboardModel(
    IEnumerable<IDashboardFigures> sources,
    PortalNavigation navigation,
    ILogger<TenantDashboardModel> logger) : PageModel
{
    public string TenantName { get; private set; } = string.Empty;

    public string? Role { get; private set; }

    public IReadOnlyList<DashboardFigure> Figures { get; private set; } = [];

    public bool SomeUnavailable { get; private set; }

    /// <summary>The role's other pages, with a line on what each is for.</summary>
    public IReadOnlyList<NavigationItem> Shortcuts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string tenant, CancellationToken cancellationToken)
    {
        // /{tenant} also matches any unknown single segment: only the resolved tenant has a dashboard.
        var resolved = HttpContext.GetTenant();
        if (resolved is null || !string.Equals(resolved.Identifier, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        TenantName = resolved.Name;
        Role = HttpContext.RequestServices.GetService<ICurrentUserAccessor>()?.Current?.TenantRole;

        var figures = new List<DashboardFigure>();
        foreach (var source in sources)
        {
            try
            {
                figures.AddRange(await source.GetAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Why: a module's broken figure must not hide the others; it is logged, and the page says some are missing.
                LogFigureFailed(logger, source.GetType().FullName, ex);
                SomeUnavailable = true;
            }
        }

        Figures = [.. figures.OrderBy(f => f.Order).ThenBy(f => f.Label, StringComparer.CurrentCulture)];
        Shortcuts = [.. navigation.For(HttpContext).Items.Where(i => i.Key != "dashboard")];
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dashboard figures from {Source} failed")]
    private static partial void LogFigureFailed(ILogger logger, string? source, Exception exception);
}
