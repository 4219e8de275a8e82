using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Host.Portal;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.Host.Pages.Platform;

/// <summary>The platform operators' home: the platform's figures and the tasks of their roles.</summary>
[Authorize(Policy = GccSaaSPolicies.PlatformUser)]
internal sealed partial class PlatformHomeModel(
    ITenantStore tenants,
    PortalNavigation navigation,
    IEnumerable<IPlatformDashboardFigures> sources,
    ILogger<PlatformHomeModel> logger)
    : PageModel
{
    public long ActiveTenants { get; private set; }

    /// <summary>The modules' platform figures (e.g. open listing change requests), for the caller's roles.</summary>
    public IReadOnlyList<DashboardFigure> Figures { get; private set; } = [];

    public IReadOnlyList<NavigationItem> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ActiveTenants = await tenants.CountActiveAsync(cancellationToken);
        var figures = new List<DashboardFigure>();
        foreach (var source in sources)
        {
            try
            {
                figures.AddRange(await source.GetAsync(cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Why: one module's broken figure must not take the operators' home down.
                LogFigureFailed(logger, source.GetType().FullName, ex);
            }
        }

        Figures = [.. figures.OrderBy(f => f.Order).ThenBy(f => f.Label, StringComparer.CurrentCulture)];
        Tasks = [.. navigation.For(HttpContext).PlatformItems.Where(i => i.Key != "platform")];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The platform figure source {Source} failed.")]
    private static partial void LogFigureFailed(ILogger logger, string? source, Exception exception);
}
