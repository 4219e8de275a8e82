using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// R-REL-1: a Global admin or Sales agent requests a partnership with the reseller admin at this address.
/// The answer carries the one-time link token (never stored, never audited: it is not in the command).
/// </summary>
internal sealed record RequestPartnershipCommand(string InvitedEmail) : IRequest<IssuedInvitation>;

internal sealed class RequestPartnershipValidator(IRelationshipTexts texts) : IRequestValidator<RequestPartnershipCommand>
{
    public IEnumerable<ValidationFailure> Validate(RequestPartnershipCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!EmailRules.IsEmail(request.InvitedEmail))
        {
            yield return new ValidationFailure("invitedEmail", "invalid_email", texts.Get("Error_invalid_email"));
        }
    }
}

internal sealed class RequestPartnershipHandler(InvitationIssuer issuer, ICurrentUserAccessor users)
    : IRequestHandler<RequestPartnershipCommand, IssuedInvitation>
{
    public Task<IssuedInvitation> Handle(RequestPartnershipCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        return issuer.IssueAsync(InvitationKind.Partnership, request.InvitedEmail.Trim(), null, user.UserId, user.DisplayName, cancellationToken);
    }
}

/// <summary>R-REL-7: sends an open invitation again with a new link; the old link is dead from now on.</summary>
internal sealed record ResendInvitationCommand(Guid InvitationId) : IRequest<IssuedInvitation>;

internal sealed class ResendInvitationHandler(InvitationIssuer issuer, InvitationAccess access, IRelationshipTexts texts)
    : IRequestHandler<ResendInvitationCommand, IssuedInvitation>
{
    public async Task<IssuedInvitation> Handle(ResendInvitationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.RequireManageableAsync(request.InvitationId, cancellationToken);
        return await issuer.ReissueAsync(request.InvitationId, cancellationToken)
            ?? throw new DomainRuleException(RelationshipErrorCodes.InvitationNotOpen, texts.Get("Error_invitation_not_open"), DomainErrorKind.Conflict);
    }
}

/// <summary>R-REL-7: withdraws an open invitation; its link is refused from now on.</summary>
internal sealed record RevokeInvitationCommand(Guid InvitationId) : IRequest;

internal sealed class RevokeInvitationHandler(RelationshipsDbContext db, InvitationAccess access, ICurrentUserAccessor users, TimeProvider clock, IRelationshipTexts texts)
    : IRequestHandler<RevokeInvitationCommand>
{
    public async Task<Unit> Handle(RevokeInvitationCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var invitation = await access.RequireManageableAsync(request.InvitationId, cancellationToken);
        var now = clock.GetUtcNow();
        var userId = users.Current?.UserId;
        var revoked = await db.Invitations
            .Where(i => i.TenantId == invitation.TenantId && i.Id == invitation.Id
                && (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.Expired))
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, InvitationStatus.Revoked)
                    .SetProperty(i => i.RevokedAt, now)
                    .SetProperty(i => i.RevokedByUserId, userId),
                cancellationToken);
        if (revoked == 0)
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationNotOpen, texts.Get("Error_invitation_not_open"), DomainErrorKind.Conflict);
        }

        return Unit.Value;
    }
}

/// <summary>
/// Who may resend or revoke an invitation: its sender; a provider user whose role may send that kind
/// (R-REL-1: Global admin, Sales agent; R-REL-5: Global admin, Admin agent, Sales agent). A reseller user sees
/// only what it sent; anything else of the tenant is "not found" to it.
/// </summary>
internal sealed class InvitationAccess(RelationshipsDbContext db, ITenantContextAccessor tenants, ICurrentUserAccessor users, IRelationshipTexts texts)
{
    public async Task<Invitation> RequireManageableAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        var invitation = await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TenantId == tenant.Id && i.Id == invitationId, cancellationToken);
        if (invitation is null || (user.IsReseller && invitation.CreatedByUserId != user.UserId))
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationNotFound, texts.Get("Error_invitation_not_found"), DomainErrorKind.NotFound);
        }

        var mayManage = invitation.Kind == InvitationKind.Partnership
            ? RelationshipsPolicies.Roles[RelationshipsPolicies.CanRequestPartnership]
            : GccSaaSRoles.ProviderRoles; // customer relationship requests are the provider's (Customers' CanManageCustomers)
        if (invitation.CreatedByUserId != user.UserId && !user.IsReseller
            && (user.TenantRole is null || !mayManage.Contains(user.TenantRole)))
        {
            throw new DomainRuleException("forbidden", texts.Get("Error_forbidden"), DomainErrorKind.Forbidden);
        }

        return invitation;
    }
}

internal static class EmailRules
{
    public static bool IsEmail(string? value) => EmailAddresses.IsValid(value);
}
