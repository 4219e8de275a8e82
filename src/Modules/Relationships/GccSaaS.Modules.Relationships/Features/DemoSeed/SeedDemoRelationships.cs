using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Integrations;

namespace GccSaaS.Modules.Relationships.Features.DemoSeed;

/// <summary>
/// The demo's partnerships (Adatum Reseller with contoso-distribution) and a few pending invitations, so a new
/// user sees a reseller in the list and something on the pending-actions page. Idempotent.
/// </summary>
internal sealed class SeedDemoRelationshipsCommandHandler(
    RelationshipsDbContext db,
    IMediator mediator,
    ITenantContextAccessor tenants,
    InvitationIssuer issuer,
    TimeProvider clock)
    : IRequestHandler<SeedDemoRelationshipsCommand, int>
{
    /// <summary>Who the demo's pending partnership invitations are addressed to (Alpine Ski Reseller, PartnerID 5123460).</summary>
    public static readonly IReadOnlyList<string> DemoInvitees = ["partners@alpineski.demo"];

    public async Task<int> Handle(SeedDemoRelationshipsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantGuard.EnsureCurrent(tenants, request.TenantId);
        var added = 0;
        foreach (var organisationId in request.PartneredResellerOrganisationIds.Distinct())
        {
            if (await db.Partnerships.AnyAsync(
                    p => p.TenantId == request.TenantId && p.ResellerOrganisationId == organisationId && p.Status == PartnershipStatus.Active,
                    cancellationToken))
            {
                continue;
            }

            var organisation = await mediator.Send(new GetPartnerOrganisationQuery(organisationId), cancellationToken)
                ?? throw new InvalidOperationException($"Organisation {organisationId} is not in the partner directory; seed the directory first.");
            var now = clock.GetUtcNow();
            var partnership = new Partnership
            {
                TenantId = request.TenantId,
                Id = Guid.CreateVersion7(now),
                ResellerOrganisationId = organisation.Id,
                ResellerName = organisation.LegalName,
                PartnerId = organisation.PartnerId,
                Status = PartnershipStatus.Active,
                Since = now,
            };
            db.Partnerships.Add(partnership);
            db.EnqueueNotification(new PartnershipEstablishedNotification(request.TenantId, partnership.Id, organisation.Id, now), clock);
            added++;
        }

        if (request.PendingInvitationsSentByUserId is { } senderId
            && !await db.Invitations.AnyAsync(i => i.TenantId == request.TenantId, cancellationToken))
        {
            var sender = request.PendingInvitationsSentByName ?? string.Empty;
            foreach (var invitee in DemoInvitees)
            {
                // The link of a seeded invitation is never shown (its token is dropped here); the sender can resend it.
                await issuer.IssueAsync(InvitationKind.Partnership, invitee, null, senderId, sender, cancellationToken);
                added++;
            }

            await issuer.IssueAsync(InvitationKind.CustomerRelationship, null, null, senderId, sender, cancellationToken);
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }
}
