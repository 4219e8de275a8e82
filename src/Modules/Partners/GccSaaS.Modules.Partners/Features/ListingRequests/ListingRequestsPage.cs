using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Features.ListingRequests;

/// <summary>
/// R-PAR-5: the platform operator's queue of listing change requests in one state, searched by organisation name or
/// PartnerID, oldest first or newest first
/// (<c>?sort=-requested</c>), 25/50/100 rows a page, keyset pages forwards and back (the one <see cref="PortalList"/>): approve
/// (List/Unlist change the officially-listed flag) or decline with a reason. The requester is told either way.
/// </summary>
[NavigationLink("listing-requests", "/platform/listing-requests", "Nav_ListingRequests", 30)]
[Authorize(Policy = GccSaaSPolicies.PlatformAdmin)]
internal sealed class ListingRequestsPageModel(PartnersDbContext db, ListingRequestDecisions decisions, IMediator mediator, IStringLocalizer<PartnersResource> l)
    : PortalPageModel(mediator)
{
    /// <summary>The one order the queue offers (the index on state, time and id), oldest first unless asked.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["requested"];

    public IReadOnlyList<ListingRequestView> Items { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public ListingRequestState State { get; set; } = ListingRequestState.Open;

    /// <summary>The search: any part of the organisation's name, or its PartnerID.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The queue's sort (oldest or newest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>What the decision before this page did (approved or declined), shown once and never carried in the address.</summary>
    public string? StatusMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<ListingCursor>(HttpContext, Sorts, ListingRequestViews.PageSize, out _))
        {
            return BadRequest();
        }

        StatusMessage = StatusForNextPage;
        await LoadAsync(cancellationToken);
        return Page();
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
            StatusForNextPage = l[approve ? "ListingQueue_Done_approved" : "ListingQueue_Done_declined"];
            return RedirectToPage();
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is not null)
        {
            Refuse(ex);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<ListingCursor>(HttpContext, Sorts, ListingRequestViews.PageSize, out var list))
        {
            return;
        }

        List = list;
        var rows = await ListingRequestViews.Queue(db, State, list.Seek, list.Take, list.ReadDescending, Q).ToListAsync(cancellationToken);
        Items = list.Page(rows, r => new ListingCursor(r.RequestedAt, r.Id));
    }
}
