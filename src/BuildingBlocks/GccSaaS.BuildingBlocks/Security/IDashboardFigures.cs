namespace GccSaaS.BuildingBlocks.Security;

/// <summary>
/// One figure on a tenant's dashboard. <see cref="Label"/> is already localised for the current UI
/// culture by the provider; <see cref="Link"/> is where the figure's list lives.
/// </summary>
public sealed record DashboardFigure(string Key, string Label, long Value, string? Link = null, int Order = 100);

/// <summary>Modules and shell areas add dashboard figures for the current tenant and user by registering one of these.</summary>
public interface IDashboardFigures
{
    Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default);
}
