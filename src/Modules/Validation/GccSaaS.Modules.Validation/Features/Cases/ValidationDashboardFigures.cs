using GccSaaS.Modules.Validation.Data;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// The tenant dashboard's validation figures: the open cases the user can see and how many of them are past due
/// (one grouped query; a reseller user counts its own organisation's cases only).
/// </summary>
internal sealed class ValidationDashboardFigures(
    IHttpContextAccessor http,
    ICurrentUserAccessor users,
    ValidationDbContext db,
    TimeProvider clock,
    IStringLocalizer<ValidationResource> text) : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (http.HttpContext?.GetTenant() is not { } tenant || users.Current is not { TenantRole: not null } user)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var counts = await db.Cases.AsNoTracking().VisibleTo(tenant.Id, user)
            .Where(c => c.State == ValidationCaseState.Submitted || c.State == ValidationCaseState.InReview || c.State == ValidationCaseState.InformationRequested)
            .GroupBy(_ => 1)
            .Select(g => new { Open = g.Count(), Overdue = g.Count(c => c.DueAt != null && c.DueAt < now) })
            .SingleOrDefaultAsync(cancellationToken);
        var link = $"/{tenant.Identifier}/validation";
        return
        [
            new DashboardFigure("validation.open", text["Figure_OpenCases"].Value, counts?.Open ?? 0, link, 40),
            new DashboardFigure("validation.overdue", text["Figure_OverdueCases"].Value, counts?.Overdue ?? 0, link, 41),
        ];
    }
}
