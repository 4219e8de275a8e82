using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// R-REL-1, R-REL-2: the provider's Indirect resellers: search by name or PartnerID, keyset paging, each
/// reseller's PartnerID, since when, its customer count (one query per page), "Add new customer" and "Remove
/// partnership"; and "Request partnership", which drafts the invitation e-mail.
/// </summary>
[NavigationLink("resellers", "/{tenant}/resellers", "Nav_Resellers", 10, Group = PortalGroup.Resellers)]
[Authorize(Policy = GccSaaSPolicies.ProviderUser)]
[ShowsSecret] // a partnership request shows the invitation draft with its link
internal sealed class ResellersPageModel(
    IMediator mediator,
    IAuthorizationService authorization,
    ICurrentUserAccessor users,
    RelationshipsDbContext db,
    IRelationshipTexts texts,
    IStringLocalizer<RelationshipsResource> l)
    : InvitationDraftPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<IndirectResellerRow> Items { get; private set; } = [];

    /// <summary>The list's sort (name or partner since), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public string? InviteEmail { get; set; }

    public bool CanRequest { get; private set; }

    public bool CanRemove { get; private set; }

    public string TenantIdentifier => HttpContext.GetTenant()?.Identifier ?? string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<ResellerCursor>(HttpContext, ResellerSorts.All, PageSize, out _))
        {
            return BadRequest();
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRequestAsync()
    {
        if (!(await authorization.AuthorizeAsync(User, RelationshipsPolicies.CanRequestPartnership)).Succeeded)
        {
            return Forbid();
        }

        var (succeeded, issued) = await TrySendAsync(new RequestPartnershipCommand(InviteEmail ?? string.Empty));
        if (succeeded && issued is not null && HttpContext.GetTenant() is { } tenant)
        {
            Draft = await RelationshipsEndpoints.DraftAsync(HttpContext, tenant, issued, Mediator, users, l, HttpContext.RequestAborted);
            InviteEmail = null;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync()
    {
        if (await DraftKeepsLinkAsync(db, texts))
        {
            StatusMessage = l["Draft_DoneStatus"].Value;
            return RedirectToPage();
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CanRequest = (await authorization.AuthorizeAsync(User, RelationshipsPolicies.CanRequestPartnership)).Succeeded;
        CanRemove = (await authorization.AuthorizeAsync(User, RelationshipsPolicies.CanRemovePartnership)).Succeeded;
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<ResellerCursor>(HttpContext, ResellerSorts.All, PageSize, out var list))
        {
            return;
        }

        List = list;
        var rows = await Mediator.Send(
            new ListIndirectResellersQuery(Q, list.Seek, list.Take, list.SortKey, list.ReadDescending), HttpContext.RequestAborted);
        Items = list.Page(rows, r => r.Cursor);
    }
}
