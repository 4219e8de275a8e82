namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// Figures for the platform operators' home (<c>/platform</c>), where no tenant is current. Each provider
/// decides from the caller's platform roles what it shows (an empty list when nothing applies); labels are
/// localised for the current UI culture.
/// </summary>
public interface IPlatformDashboardFigures
{
    Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default);
}
