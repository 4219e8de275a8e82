using GccSaaS.BuildingBlocks.Notifications;
using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// R-REL-3: the tenant's Global admin removes a partnership, attesting (versioned wording, in their language).
/// The product generates no termination notice: the reseller is told nothing. The tenant's Global admins are told
/// (in-app and by mail, in the remover's language) who removed which partnership under which wording. The reseller
/// leaves the list and its memberships in this tenant end in the same request; customers associated with it and
/// their delegated admin permissions are untouched (they belong to Customers, which learns of the removal through
/// <see cref="PartnershipRemovedNotification"/>).
/// </summary>
internal sealed record RemovePartnershipCommand(Guid PartnershipId, bool Attested) : IRequest<PartnershipRemoval>;

/// <summary>What was removed and what was attested, as the confirmation page and <c>DELETE /v1/relationships/{id}</c> show it.</summary>
internal sealed record PartnershipRemoval(
    Guid PartnershipId,
    Guid ResellerOrganisationId,
    string ResellerName,
    string PartnerId,
    DateTimeOffset RemovedAt,
    Guid RemovedByUserId,
    string RemovedBy,
    RemovalAttestationRecord Attestation,
    bool TerminationNoticeGenerated,
    string Notice,
    int MembershipsEnded);

internal sealed record RemovalAttestationRecord(string Version, string Text, DateTimeOffset AttestedAt, string AttestedBy);

internal sealed class RemovePartnershipHandler(
    RelationshipsDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    TimeProvider clock,
    IRelationshipTexts texts)
    : IRequestHandler<RemovePartnershipCommand, PartnershipRemoval>
{
    public async Task<PartnershipRemoval> Handle(RemovePartnershipCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current ?? throw new InvalidOperationException("No signed-in user.");
        if (user.TenantRole != GccSaaSRoles.GlobalAdmin)
        {
            throw new DomainRuleException("forbidden", texts.Get("Error_forbidden"), DomainErrorKind.Forbidden);
        }

        var partnership = await db.Partnerships.AsNoTracking()
            .FirstOrDefaultAsync(p => p.TenantId == tenant.Id && p.Id == request.PartnershipId && p.Status == PartnershipStatus.Active, cancellationToken)
            ?? throw NotFound();
        if (!request.Attested)
        {
            throw new DomainRuleException(RelationshipErrorCodes.AttestationRequired, texts.Get("Error_attestation_required"));
        }

        var now = clock.GetUtcNow();
        var text = texts.Get(RemovalAttestation.TextKey, partnership.ResellerName);
        var removed = await db.Partnerships
            .Where(p => p.TenantId == tenant.Id && p.Id == partnership.Id && p.Status == PartnershipStatus.Active)
            .ExecuteUpdateAsync(
                s => s.SetProperty(p => p.Status, PartnershipStatus.Removed)
                    .SetProperty(p => p.RemovedAt, now)
                    .SetProperty(p => p.RemovedByUserId, user.UserId)
                    .SetProperty(p => p.RemovedByName, user.DisplayName)
                    .SetProperty(p => p.AttestationVersion, RemovalAttestation.Version)
                    .SetProperty(p => p.AttestationText, text),
                cancellationToken);
        if (removed == 0)
        {
            throw NotFound(); // removed by someone else a moment ago
        }

        db.EnqueueNotification(
            new PartnershipRemovedNotification(tenant.Id, partnership.Id, partnership.ResellerOrganisationId, user.UserId, RemovalAttestation.Version, now),
            clock);
        db.EnqueueNotification(
            new UserNotificationRequested(
                tenant.Id,
                "PartnershipRemoved",
                texts.Get("Notify_Removed_Subject", partnership.ResellerName),
                texts.Get("Notify_Removed_Body", partnership.ResellerName, user.DisplayName, partnership.PartnerId),
                RecipientRole: GccSaaSRoles.GlobalAdmin,
                LinkUrl: $"/{tenant.Identifier}/resellers",
                SendEmail: true,
                Culture: CultureScope.CurrentLanguage,
                Translations: CultureScope.InEveryLanguage(culture => new NotificationTranslation(
                    culture,
                    texts.Get("Notify_Removed_Subject", partnership.ResellerName),
                    texts.Get("Notify_Removed_Body", partnership.ResellerName, user.DisplayName, partnership.PartnerId)))), // each admin reads it in their language
            clock);
        await db.SaveChangesAsync(cancellationToken);

        // The reseller can no longer act in this tenant, from its next request on.
        var ended = await mediator.Send(new EndResellerOrganisationMembershipsCommand(tenant.Id, partnership.ResellerOrganisationId), cancellationToken);
        return new PartnershipRemoval(
            partnership.Id,
            partnership.ResellerOrganisationId,
            partnership.ResellerName,
            partnership.PartnerId,
            now,
            user.UserId,
            user.DisplayName,
            new RemovalAttestationRecord(RemovalAttestation.Version, text, now, user.DisplayName),
            TerminationNoticeGenerated: false,
            texts.Get("Removal_NoNotice"),
            ended);
    }

    private DomainRuleException NotFound() =>
        new(RelationshipErrorCodes.PartnershipNotFound, texts.Get("Error_partnership_not_found"), DomainErrorKind.NotFound);
}
