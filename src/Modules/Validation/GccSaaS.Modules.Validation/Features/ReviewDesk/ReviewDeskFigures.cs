using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.ReviewDesk;

/// <summary>The platform home's figures for a Validation reviewer: open cases and overdue cases, linking to the desk.</summary>
internal sealed class ReviewDeskFigures(ICurrentUserAccessor users, IMediator mediator, IStringLocalizer<ValidationResource> text) : IPlatformDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (users.Current?.HasPlatformRole(GccSaaSRoles.ValidationReviewer) != true)
        {
            return [];
        }

        var counts = await mediator.Send(new CountReviewQueueQuery(), cancellationToken);
        return
        [
            new DashboardFigure("review-desk.open", text["Figure_DeskOpen"].Value, counts.Open, "/platform/review-desk", 10),
            new DashboardFigure("review-desk.overdue", text["Figure_DeskOverdue"].Value, counts.Overdue, "/platform/review-desk", 11),
        ];
    }
}
