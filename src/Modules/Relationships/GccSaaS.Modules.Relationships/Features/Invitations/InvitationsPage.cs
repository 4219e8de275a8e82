using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// R-REL-7: the tenant's invitations with their status, sender and expiry, newest first (keyset-paged); the
/// sender (or a provider user whose role may send that kind) resends (new link, old one dead) or revokes.
/// With <c>?open=true</c> it is the pending actions page: every open invitation, oldest first.
/// </summary>
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
[ShowsSecret] // a resend shows the invitation draft with its link
internal abstract class InvitationListPageModel(
    IMediator mediator,
    ICurrentUserAccessor users,
    RelationshipsDbContext db,
    IRelationshipTexts texts,
    IStringLocalizer<RelationshipsResource> l)
    : InvitationDraftPageModel(mediator)
{
    public const int PageSize = 25;

    public IReadOnlyList<InvitationRow> Items { get; private set; } = [];

    /// <summary>The list's sort (when sent), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The pending actions view: open invitations by age.</summary>
    public abstract bool PendingActions { get; }

    public Guid? CurrentUserId => users.Current?.UserId;

    public string TenantIdentifier => HttpContext.GetTenant()?.Identifier ?? string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!PortalList.TryRead<InvitationCursor>(HttpContext, InvitationSorts.All, PageSize, out _, DefaultSort))
        {
            return BadRequest();
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The list's order without <c>?sort=</c>: all invitations newest first, the open ones oldest first.</summary>
    private string DefaultSort => PendingActions ? InvitationSorts.Sent : "-" + InvitationSorts.Sent;

    public async Task<IActionResult> OnPostResendAsync(Guid id)
    {
        var (succeeded, issued) = await TrySendAsync(new ResendInvitationCommand(id));
        if (succeeded && issued is not null && HttpContext.GetTenant() is { } tenant)
        {
            Draft = await RelationshipsEndpoints.DraftAsync(HttpContext, tenant, issued, Mediator, users, l, HttpContext.RequestAborted);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var (succeeded, _) = await TrySendAsync(new RevokeInvitationCommand(id));
        if (succeeded)
        {
            StatusMessage = l["Invitations_Revoked"].Value;
            return RedirectToPage();
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
        // After a post the list shows as the page's address has it; an address that is no page of it shows no list.
        if (!PortalList.TryRead<InvitationCursor>(HttpContext, InvitationSorts.All, PageSize, out var list, DefaultSort))
        {
            return;
        }

        List = list;
        var reverse = PendingActions ? list.ReadDescending : !list.ReadDescending;
        var rows = await Mediator.Send(new ListInvitationsQuery(PendingActions, null, list.Seek, list.Take, reverse), HttpContext.RequestAborted);
        Items = list.Page(rows, r => r.Cursor);
    }
}

/// <summary>The order the invitation lists offer: when sent (ix_invitations_created, read either way).</summary>
internal static class InvitationSorts
{
    public const string Sent = "sent";

    public static readonly IReadOnlyList<string> All = [Sent];
}

/// <summary><c>/{tenant}/invitations</c>: every invitation, newest first.</summary>
internal sealed class InvitationsPageModel(
    IMediator mediator, ICurrentUserAccessor users, RelationshipsDbContext db, IRelationshipTexts texts, IStringLocalizer<RelationshipsResource> l)
    : InvitationListPageModel(mediator, users, db, texts, l)
{
    public override bool PendingActions => false;
}

/// <summary>R-REL-7: <c>/{tenant}/pending-actions</c>: every open invitation of the tenant by age.</summary>
[NavigationLink("pending-actions", "/{tenant}/pending-actions", "Nav_PendingActions", 30, Group = PortalGroup.Resellers)]
internal sealed class PendingActionsPageModel(
    IMediator mediator, ICurrentUserAccessor users, RelationshipsDbContext db, IRelationshipTexts texts, IStringLocalizer<RelationshipsResource> l)
    : InvitationListPageModel(mediator, users, db, texts, l)
{
    public override bool PendingActions => true;
}
