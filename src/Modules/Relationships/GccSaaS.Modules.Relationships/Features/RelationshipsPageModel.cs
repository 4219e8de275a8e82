using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;
using MediatR;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Relationships.Features;

/// <summary>
/// A page of the module that sends commands: refusals become messages in the user's language and the response
/// status says what happened (400, 403, 404, 409, 422), like the API.
/// </summary>
internal abstract class RelationshipsPageModel(IMediator mediator) : PageModel
{
    public IList<string> Errors { get; } = [];

    protected IMediator Mediator => mediator;

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

    protected async Task<(bool Succeeded, TResponse? Result)> TrySendAsync<TResponse>(IRequest<TResponse> command)
    {
        try
        {
            return (true, await mediator.Send(command, HttpContext.RequestAborted));
        }
        catch (RequestValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                Errors.Add(failure.Message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (DomainRuleException ex)
        {
            Errors.Add(ex.Message);
            Response.StatusCode = Refusals.StatusOf(ex.Kind);
        }

        return (false, default);
    }

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
            if (invitation is null || !invitation.TokenHash.AsSpan().SequenceEqual(hash))
            {
                throw new DomainRuleException(RelationshipErrorCodes.InvitationNotFound, texts.Get("Error_invitation_not_found"), DomainErrorKind.NotFound);
            }

            InvitationRules.EnsureDraftKeepsLink(DraftText ?? string.Empty, DraftLink!, texts);
            return true;
        }
        catch (DomainRuleException ex)
        {
            Errors.Add(ex.Message);
            Response.StatusCode = ex.Kind == DomainErrorKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity;
            if (invitation is not null && DraftLink is not null)
            {
                Draft = new InvitationDraft(invitation.Id, invitation.InvitedEmail ?? string.Empty, DraftSubject ?? string.Empty, DraftText ?? string.Empty, DraftLink, invitation.ExpiresAt);
            }

            return false;
        }
    }
}
