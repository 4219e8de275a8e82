using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// A page that writes an invitation draft (request, resend) and takes it back when the user is done: the draft's
/// fields and the check that the edited text still carries the personalised link. Refusals are the base class's.
/// </summary>
internal abstract class InvitationDraftPageModel(IMediator mediator) : PortalPageModel(mediator)
{
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>The draft to show after a request or a resend (the token lives only in its link).</summary>
    public InvitationDraft? Draft { get; protected set; }

    [BindProperty]
    public Guid DraftInvitationId { get; set; }

    [BindProperty]
    public string? DraftLink { get; set; }

    [BindProperty]
    public string? DraftText { get; set; }

    [BindProperty]
    public string? DraftSubject { get; set; }

    /// <summary>
    /// R-REL-1 "Done": the edited draft must still contain the personalised link of this invitation (the link's
    /// token must match the invitation's stored hash, so a made-up link does not pass). Refused: the draft is shown again.
    /// </summary>
    protected async Task<bool> DraftKeepsLinkAsync(RelationshipsDbContext db, IRelationshipTexts texts)
    {
        var token = DraftLink is null ? null : DraftLink[(DraftLink.LastIndexOf('/') + 1)..];
        var hash = LinkTokens.LooksLikeToken(token) ? LinkTokens.Hash(token) : [];
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == DraftInvitationId, HttpContext.RequestAborted);
        try
        {
            if (invitation is null || DraftLink is null || !invitation.TokenHash.AsSpan().SequenceEqual(hash))
            {
                throw new DomainRuleException(RelationshipErrorCodes.InvitationNotFound, texts.Get("Error_invitation_not_found"), DomainErrorKind.NotFound);
            }

            InvitationRules.EnsureDraftKeepsLink(DraftText ?? string.Empty, DraftLink, texts);
            return true;
        }
        catch (DomainRuleException ex)
        {
            Refuse(ex);
            if (invitation is not null && DraftLink is not null)
            {
                Draft = new InvitationDraft(invitation.Id, invitation.InvitedEmail ?? string.Empty, DraftSubject ?? string.Empty, DraftText ?? string.Empty, DraftLink, invitation.ExpiresAt);
            }

            return false;
        }
    }
}
