using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.Modules.Partners.Features.ListingRequests;

/// <summary>
/// R-PAR-5: the platform operator's queue of listing change requests (oldest first, keyset paging): approve
/// (List/Unlist change the officially-listed flag) or decline with a reason. The requester is told either way.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class ListingRequestsPageModel(PartnersDbContext db, ListingRequestDecisions decisions, IMediator mediator) : PortalPageModel(mediator)
{
    public IReadOnlyList<ListingRequestView> Items { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public ListingRequestState State { get; set; } = ListingRequestState.Open;

    /// <summary>The keyset of the last row shown: the next page starts after it.</summary>
    public ListingCursor? Next { get; private set; }



    public string? Done { get; private set; }

    public async Task OnGetAsync(DateTimeOffset? afterAt, Guid? afterId, string? done, CancellationToken cancellationToken)
    {
        Done = done;
        await LoadAsync(afterAt is { } at && afterId is { } id ? new ListingCursor(at, id) : null, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid requestId, CancellationToken cancellationToken) =>
        DecideAsync(requestId, approve: true, reason: null, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(Guid requestId, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(requestId, approve: false, reason, cancellationToken);

    private async Task<IActionResult> DecideAsync(Guid requestId, bool approve, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            await decisions.DecideAsync(requestId, approve, reason, cancellationToken);
            return RedirectToPage(new { done = approve ? "approved" : "declined" });
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        await LoadAsync(null, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(ListingCursor? after, CancellationToken cancellationToken)
    {
        var rows = await ListingRequestViews.Queue(db, State, after, ListingRequestViews.PageSize + 1).ToListAsync(cancellationToken);
        Items = [.. rows.Take(ListingRequestViews.PageSize)];
        if (rows.Count > ListingRequestViews.PageSize)
        {
            Next = new ListingCursor(Items[^1].RequestedAt, Items[^1].Id);
        }
    }
}
