using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features.Invitations;

namespace GccSaaS.Modules.Relationships.Features.CustomerRelationships;

/// <summary>
/// R-REL-4, R-REL-5: a reseller relationship request to a customer. Provider users (Global admin, Admin agent,
/// Sales agent) may name one of the tenant's active resellers (or none: the customer is the provider's own);
/// a reseller user's request is always for its own organisation. The address is optional (Partner Center's
/// link names no customer). <paramref name="Link"/>: <see cref="StandingLink.Reuse"/> answers the newest pending standing
/// link for the same reseller and address if there is one (the safe <c>GET /v1/customers/relationshiprequests</c>),
/// <see cref="StandingLink.New"/> issues a new standing link in place of the previous one, which stays valid as an
/// ordinary single-use link (<c>POST</c>), <see cref="StandingLink.None"/> a one-off invitation (the portal).
/// </summary>
internal sealed record RequestCustomerRelationshipCommand(Guid? ResellerOrganisationId, string? InvitedEmail, StandingLink Link = StandingLink.None)
    : IRequest<IssuedInvitation>;

internal enum StandingLink
{
    None = 0,
    Reuse = 1,
    New = 2,
}

internal sealed class RequestCustomerRelationshipValidator(IRelationshipTexts texts) : IRequestValidator<RequestCustomerRelationshipCommand>
{
    public IEnumerable<ValidationFailure> Validate(RequestCustomerRelationshipCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.IsNullOrWhiteSpace(request.InvitedEmail) && !EmailRules.IsEmail(request.InvitedEmail))
        {
            yield return new ValidationFailure("invitedEmail", "invalid_email", texts.Get("Error_invalid_email"));
        }
    }
}

internal sealed class RequestCustomerRelationshipHandler(
    InvitationIssuer issuer, RelationshipsDbContext db, IMediator mediator, ITenantContextAccessor tenants, ICurrentUserAccessor users,
    IRelationshipTexts texts, TimeProvider clock)
    : IRequestHandler<RequestCustomerRelationshipCommand, IssuedInvitation>
{
    public async Task<IssuedInvitation> Handle(RequestCustomerRelationshipCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        var reseller = request.ResellerOrganisationId;
        if (user.IsReseller)
        {
            // A reseller user asks only for its own organisation.
            if (reseller is not null && reseller != user.ResellerOrganisationId)
            {
                throw new DomainRuleException("forbidden", texts.Get("Error_forbidden"), DomainErrorKind.Forbidden);
            }

            reseller = user.ResellerOrganisationId;
        }
        else if (user.TenantRole is null || !GccSaaSRoles.ProviderRoles.Contains(user.TenantRole))
        {
            throw new DomainRuleException("forbidden", texts.Get("Error_forbidden"), DomainErrorKind.Forbidden);
        }

        if (reseller is { } organisationId
            && await mediator.Send(new GetPartnershipQuery(tenant.Id, organisationId), cancellationToken) is not { Status: PartnershipStatus.Active })
        {
            throw new DomainRuleException(RelationshipErrorCodes.ResellerNotPartnered, texts.Get("Error_reseller_not_partnered"));
        }

        var email = string.IsNullOrWhiteSpace(request.InvitedEmail) ? null : request.InvitedEmail.Trim();
        if (request.Link == StandingLink.Reuse)
        {
            var now = clock.GetUtcNow();
            var standing = await db.Invitations.AsNoTracking()
                .Where(i => i.TenantId == tenant.Id && i.Kind == InvitationKind.CustomerRelationship && i.Status == InvitationStatus.Pending
                    && i.ProtectedLinkToken != null && i.ExpiresAt > now && i.ResellerOrganisationId == reseller && i.InvitedEmail == email)
                .OrderByDescending(i => i.CreatedAt)
                .Select(i => new { i.Id, i.InvitedEmail, i.ExpiresAt, i.ProtectedLinkToken })
                .FirstOrDefaultAsync(cancellationToken);
            if (standing?.ProtectedLinkToken is { } protectedToken && issuer.Unprotect(protectedToken) is { } token)
            {
                return new IssuedInvitation(standing.Id, InvitationKind.CustomerRelationship, tenant.Identifier, standing.InvitedEmail, token, standing.ExpiresAt);
            }
        }

        if (request.Link == StandingLink.New)
        {
            // The new link takes the standing place: the previous one keeps working as an ordinary single-use link
            // (it may have been sent already) but is no longer what a GET answers, and its encrypted token is dropped.
            await db.Invitations
                .Where(i => i.TenantId == tenant.Id && i.Kind == InvitationKind.CustomerRelationship && i.ProtectedLinkToken != null
                    && i.ResellerOrganisationId == reseller && i.InvitedEmail == email)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ProtectedLinkToken, (string?)null), cancellationToken);
        }

        return await issuer.IssueAsync(
            InvitationKind.CustomerRelationship, email, reseller, user.UserId, user.DisplayName, cancellationToken, standing: request.Link != StandingLink.None);
    }
}

/// <summary>
/// R-REL-4, R-REL-6: the customer's administrator, authenticated by the page with its customer tenant's admin
/// credentials (never part of this command), accepts. Customers puts the customer on the provider's list,
/// associated with the request's reseller; its direct subscriptions stay as they were.
/// </summary>
internal sealed record AcceptCustomerRelationshipCommand(Guid InvitationId, Guid CustomerTenantId, string AcceptedBy) : IRequest<Guid?>;

internal sealed class AcceptCustomerRelationshipHandler(
    RelationshipsDbContext db, ITenantContextAccessor tenants, TimeProvider clock, IRelationshipTexts texts)
    : IRequestHandler<AcceptCustomerRelationshipCommand, Guid?>
{
    public async Task<Guid?> Handle(AcceptCustomerRelationshipCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var invitation = await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TenantId == tenant.Id && i.Id == request.InvitationId && i.Kind == InvitationKind.CustomerRelationship, cancellationToken)
            ?? throw new DomainRuleException(RelationshipErrorCodes.InvitationNotFound, texts.Get("Error_invitation_not_found"), DomainErrorKind.NotFound);
        var now = clock.GetUtcNow();
        InvitationRules.EnsureAcceptable(invitation.Status, invitation.ExpiresAt, now, texts);

        var consumed = await db.Invitations
            .Where(i => i.TenantId == tenant.Id && i.Id == invitation.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, InvitationStatus.Accepted)
                    .SetProperty(i => i.AcceptedAt, now)
                    .SetProperty(i => i.AcceptedBy, request.AcceptedBy)
                    .SetProperty(i => i.CustomerTenantId, request.CustomerTenantId),
                cancellationToken);
        if (consumed == 0)
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationUsed, texts.Get("Error_invitation_used"), DomainErrorKind.Conflict);
        }

        db.EnqueueNotification(
            new CustomerRelationshipAcceptedNotification(tenant.Id, invitation.Id, request.CustomerTenantId, invitation.ResellerOrganisationId, request.AcceptedBy, now),
            clock);
        db.EnqueueNotification(
            new UserNotificationRequested(
                tenant.Id,
                "CustomerRelationshipAccepted",
                texts.Get("Notify_CustomerAccepted_Subject", request.AcceptedBy),
                texts.Get("Notify_CustomerAccepted_Body", request.AcceptedBy),
                RecipientUserId: invitation.CreatedByUserId,
                LinkUrl: $"/{tenant.Identifier}/customers",
                Culture: CultureScope.CurrentLanguage,
                Translations: CultureScope.InEveryLanguage(culture => new NotificationTranslation(
                    culture,
                    texts.Get("Notify_CustomerAccepted_Subject", request.AcceptedBy),
                    texts.Get("Notify_CustomerAccepted_Body", request.AcceptedBy)))), // the sender reads it in their language, not the customer's (issue 16 item 7)
            clock);
        return invitation.ResellerOrganisationId;
    }
}
