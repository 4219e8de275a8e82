using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using Npgsql;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// R-REL-2: the invited reseller admin (signed in with the invited address) names its organisation by PartnerID
/// and accepts. The page found <see cref="InvitationId"/> by the link's token; the token itself never enters a
/// command. Refusals: R-PAR-3 (unknown PartnerID, not an indirect reseller, agreement not signed), R-PC-11
/// (other CSP region), R-REL-7 (expired, revoked, used), another address, an organisation already partnered,
/// an account that already has another role in the tenant; a racing second acceptance loses (single use).
/// </summary>
internal sealed record AcceptPartnershipCommand(Guid InvitationId, string PartnerId) : IRequest<AcceptedPartnership>;

/// <summary>An empty PartnerID is a missing field, not an unknown partner.</summary>
internal sealed class AcceptPartnershipValidator(IRelationshipTexts texts) : IRequestValidator<AcceptPartnershipCommand>
{
    public IEnumerable<ValidationFailure> Validate(AcceptPartnershipCommand request)
    {
        if (string.IsNullOrWhiteSpace(request?.PartnerId))
        {
            yield return new ValidationFailure("partnerId", "required", texts.Get("Error_partner_id_required"));
        }
    }
}

internal sealed record AcceptedPartnership(Guid PartnershipId, Guid ResellerOrganisationId, string ResellerName, string TenantIdentifier);

internal sealed class AcceptPartnershipHandler(
    RelationshipsDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    IRelationshipTexts texts)
    : IRequestHandler<AcceptPartnershipCommand, AcceptedPartnership>
{
    public async Task<AcceptedPartnership> Handle(AcceptPartnershipCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current
            ?? throw new DomainRuleException(RelationshipErrorCodes.SignInRequired, texts.Get("Error_sign_in_required"), DomainErrorKind.Forbidden);
        var invitation = await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TenantId == tenant.Id && i.Id == request.InvitationId && i.Kind == InvitationKind.Partnership, cancellationToken)
            ?? throw new DomainRuleException(RelationshipErrorCodes.InvitationNotFound, texts.Get("Error_invitation_not_found"), DomainErrorKind.NotFound);

        var now = clock.GetUtcNow();
        InvitationRules.EnsureAcceptable(invitation.Status, invitation.ExpiresAt, now, texts); // R-REL-7, never waits for the job
        InvitationRules.EnsureInvitee(invitation.InvitedEmail, user.Email, texts);

        // R-PAR-3, R-PC-11: an onboarded indirect reseller with a signed agreement, in the provider's region.
        var verification = await mediator.Send(new VerifyPartnerIdQuery(tenant.Id, request.PartnerId ?? string.Empty), cancellationToken);
        if (!verification.IsUsable || verification.PartnerOrganisationId is not { } organisationId)
        {
            var code = verification.Code ?? "unknown_partner_id";
            throw new DomainRuleException(code, texts.Get("Error_" + code));
        }

        var membership = await mediator.Send(new GetMembershipQuery(tenant.Id, user.UserId), cancellationToken);
        if (membership is { } m && (m.Role != GccSaaSRoles.ResellerAdmin || m.ResellerOrganisationId != organisationId))
        {
            throw new DomainRuleException(RelationshipErrorCodes.AlreadyMemberOfTenant, texts.Get("Error_already_member_of_tenant"), DomainErrorKind.Conflict);
        }

        var name = verification.LegalName ?? verification.PartnerId;
        if (await db.Partnerships.AnyAsync(
                p => p.TenantId == tenant.Id && p.ResellerOrganisationId == organisationId && p.Status == PartnershipStatus.Active, cancellationToken))
        {
            throw AlreadyActive(name);
        }

        // Single use: of two racing acceptances exactly one moves the invitation out of Pending.
        var partnershipId = Guid.CreateVersion7(now);
        var consumed = await db.Invitations
            .Where(i => i.TenantId == tenant.Id && i.Id == invitation.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(i => i.Status, InvitationStatus.Accepted)
                    .SetProperty(i => i.AcceptedAt, now)
                    .SetProperty(i => i.AcceptedByUserId, user.UserId)
                    .SetProperty(i => i.AcceptedBy, user.Email)
                    .SetProperty(i => i.ResellerOrganisationId, organisationId)
                    .SetProperty(i => i.PartnershipId, partnershipId),
                cancellationToken);
        if (consumed == 0)
        {
            throw new DomainRuleException(RelationshipErrorCodes.InvitationUsed, texts.Get("Error_invitation_used"), DomainErrorKind.Conflict);
        }

        db.Partnerships.Add(new Partnership
        {
            TenantId = tenant.Id,
            Id = partnershipId,
            ResellerOrganisationId = organisationId,
            ResellerName = name,
            PartnerId = verification.PartnerId,
            Status = PartnershipStatus.Active,
            Since = now,
            InvitationId = invitation.Id,
            EstablishedByUserId = user.UserId,
        });
        db.EnqueueNotification(new PartnershipEstablishedNotification(tenant.Id, partnershipId, organisationId, now), clock);
        db.EnqueueNotification(
            new UserNotificationRequested(
                tenant.Id,
                "PartnershipAccepted",
                texts.Get("Notify_Accepted_Subject", name),
                texts.Get("Notify_Accepted_Body", name, verification.PartnerId, invitation.InvitedEmail ?? string.Empty),
                RecipientUserId: invitation.CreatedByUserId,
                LinkUrl: $"/{tenant.Identifier}/resellers",
                Translations: CultureScope.InEveryLanguage(culture => new NotificationTranslation(
                    culture,
                    texts.Get("Notify_Accepted_Subject", name),
                    texts.Get("Notify_Accepted_Body", name, verification.PartnerId, invitation.InvitedEmail ?? string.Empty)))), // in the reader's language

            clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw AlreadyActive(name);
        }

        // R-REL-2: the reseller admin can now act in the provider's tenant for its organisation. Identity's command joins
        // this command's transaction (ADR 0017): the grant and the partnership commit together or not at all.
        await mediator.Send(new GrantResellerAdminCommand(tenant.Id, user.UserId, organisationId), cancellationToken);
        return new AcceptedPartnership(partnershipId, organisationId, name, tenant.Identifier);
    }

    private DomainRuleException AlreadyActive(string name) =>
        new(RelationshipErrorCodes.PartnershipAlreadyActive, texts.Get("Error_partnership_already_active", name), DomainErrorKind.Conflict);
}
