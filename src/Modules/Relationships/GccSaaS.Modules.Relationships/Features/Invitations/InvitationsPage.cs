using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Resources;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

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

    public InvitationCursor? Next { get; private set; }

    /// <summary>The pending actions view: open invitations by age.</summary>
    public abstract bool PendingActions { get; }

    public Guid? CurrentUserId => users.Current?.UserId;

    public string TenantIdentifier => HttpContext.GetTenant()?.Identifier ?? string.Empty;

    public async Task OnGetAsync(DateTimeOffset? afterCreated, Guid? afterId) =>
        await LoadAsync(afterCreated is { } c && afterId is { } id ? new InvitationCursor(c, id) : null);

    public async Task<IActionResult> OnPostResendAsync(Guid id)
    {
        var (succeeded, issued) = await TrySendAsync(new ResendInvitationCommand(id));
        if (succeeded && issued is not null && HttpContext.GetTenant() is { } tenant)
        {
            Draft = await RelationshipsEndpoints.DraftAsync(HttpContext, tenant, issued, Mediator, users, l, HttpContext.RequestAborted);
        }

        await LoadAsync(null);
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

        await LoadAsync(null);
        return Page();
    }

    public async Task<IActionResult> OnPostDoneAsync()
    {
        if (await DraftKeepsLinkAsync(db, texts))
        {
            StatusMessage = l["Draft_DoneStatus"].Value;
            return RedirectToPage();
        }

        await LoadAsync(null);
        return Page();
    }

    private async Task LoadAsync(InvitationCursor? after)
    {
        var rows = await Mediator.Send(new ListInvitationsQuery(PendingActions, null, after, PageSize + 1), HttpContext.RequestAborted);
        Items = [.. rows.Take(PageSize)];
        Next = rows.Count > PageSize ? Items[^1].Cursor : null;
    }
}

/// <summary><c>/{tenant}/invitations</c>: every invitation, newest first.</summary>
internal sealed class InvitationsPageModel(
    IMediator mediator, ICurrentUserAccessor users, RelationshipsDbContext db, IRelationshipTexts texts, IStringLocalizer<RelationshipsResource> l)
    : InvitationListPageModel(mediator, users, db, texts, l)
{
    public override bool PendingActions => false;
}

/// <summary>R-REL-7: <c>/{tenant}/pending-actions</c>: every open invitation of the tenant by age.</summary>
internal sealed class PendingActionsPageModel(
    IMediator mediator, ICurrentUserAccessor users, RelationshipsDbContext db, IRelationshipTexts texts, IStringLocalizer<RelationshipsResource> l)
    : InvitationListPageModel(mediator, users, db, texts, l)
{
    public override bool PendingActions => true;
}
