using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.Cases;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.ReviewDesk;

/// <summary>
/// <c>/platform/review-desk</c>: the Validation reviewers' queue across tenants, ordered by due date with overdue
/// cases marked and a banner counting them; filters kind and state; keyset paging on (due date, id).
/// </summary>
[NavigationLink("review-desk", "/platform/review-desk", "Nav_ReviewDesk", 40)]
[Authorize(Policy = ValidationPolicies.ValidationReviewer)]
internal sealed class ReviewDeskPageModel(IMediator mediator) : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<ValidationCaseSummary> Items { get; private set; } = [];

    public ReviewQueueCursor? Next { get; private set; }

    public ReviewQueueCounts Counts { get; private set; } = new(0, 0);

    [BindProperty(SupportsGet = true)]
    public ValidationCaseKind? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public ValidationCaseState? State { get; set; }

    public async Task OnGetAsync(long? afterDue, Guid? afterId, CancellationToken cancellationToken)
    {
        ReviewQueueCursor? after = afterDue is { } ticks && afterId is { } id && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new ReviewQueueCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id)
            : null;
        Counts = await Mediator.Send(new CountReviewQueueQuery(), cancellationToken);
        var rows = await Mediator.Send(new ListReviewQueueQuery(Kind, State, after, PageSize + 1), cancellationToken);
        Items = [.. rows.Take(PageSize)];
        if (rows.Count > PageSize)
        {
            Next = ListReviewQueueHandler.CursorOf(Items[^1]);
        }
    }

    public string NextLink() => Next is { } n
        ? $"/platform/review-desk?kind={Kind}&state={State}&afterDue={n.Due.UtcTicks}&afterId={n.Id}"
        : string.Empty;
}

/// <summary>
/// <c>/platform/review-desk/{id}</c>: one case with its history and the reviewer's acts — start review, request
/// information (message), approve, deny (reason). The version the reviewer saw travels with the act, so a second
/// reviewer acting on a stale page gets 409 and a message instead of overwriting.
/// </summary>
[Authorize(Policy = ValidationPolicies.ValidationReviewer)]
internal sealed class ReviewCasePageModel(IMediator mediator, ReviewDeskActions desk, IStringLocalizer<ValidationResource> text) : PortalPageModel(mediator)
{
    public ValidationCaseResource? Case { get; private set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public int? Version { get; set; }


    [TempData]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Case = await Mediator.Send(new GetReviewCaseQuery(id), cancellationToken);
            return Page();
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostStartReviewAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, ReviewAction.StartReview, cancellationToken);

    public Task<IActionResult> OnPostRequestInformationAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, ReviewAction.RequestInformation, cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, ReviewAction.Approve, cancellationToken);

    public Task<IActionResult> OnPostDenyAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, ReviewAction.Deny, cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, ReviewAction action, CancellationToken cancellationToken)
    {
        try
        {
            await desk.ActAsync(id, action, Message, Version, cancellationToken);
            Status = text["Desk_Done_" + action].Value;
            return Redirect($"/platform/review-desk/{id}");
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        Case = await Mediator.Send(new GetReviewCaseQuery(id), cancellationToken);
        return Page();
    }
}
