using MediatR;

namespace GccSaaS.Modules.Relationships.Contracts;

/// <summary>The state of a provider's partnership with an indirect reseller (R-REL-2, R-REL-3).</summary>
public enum PartnershipStatus
{
    Active = 0,
    Removed = 1,
}

/// <summary>A provider tenant's partnership with one indirect reseller organisation of the partner directory.</summary>
public sealed record PartnershipDto(
    Guid PartnershipId,
    Guid TenantId,
    Guid ResellerOrganisationId,
    string ResellerName,
    string PartnerId,
    PartnershipStatus Status,
    DateTimeOffset Since);

/// <summary>
/// R-PC-4: the tenant's partnership with the reseller organisation, active or removed, or null when there
/// never was one. Customers asks it before associating a reseller with a customer.
/// </summary>
public sealed record GetPartnershipQuery(Guid TenantId, Guid ResellerOrganisationId) : IRequest<PartnershipDto?>;

/// <summary>
/// The tenant's active partnerships whose reseller name or PartnerID contains <paramref name="Search"/>,
/// ordered by name, at most <paramref name="Take"/> (a picker, never an unbounded list).
/// </summary>
public sealed record SearchActivePartnershipsQuery(Guid TenantId, string? Search, int Take) : IRequest<IReadOnlyList<PartnershipDto>>;

/// <summary>
/// The tenant's partnerships (active or removed, the latest per reseller) with the named reseller organisations, so a
/// list of people or records can show each reseller by name; at most as many ids as a page holds (100).
/// </summary>
public sealed record GetPartnershipsByResellerQuery(Guid TenantId, IReadOnlyCollection<Guid> ResellerOrganisationIds) : IRequest<IReadOnlyList<PartnershipDto>>;

/// <summary>
/// R-REL-1: the provider requested a partnership: an invitation went to a reseller admin's address (which this
/// notification does not carry). Sent when the invitation is issued, not when it is re-sent.
/// </summary>
public sealed record PartnershipInvitedNotification(
    Guid TenantId,
    Guid InvitationId,
    DateTimeOffset InvitedAt,
    DateTimeOffset ExpiresAt) : INotification;

/// <summary>
/// R-REL-7: a partnership invitation expired unanswered. The expiry sweep enqueues one per invitation it expired,
/// with the rows of its one set-based UPDATE, in the same transaction.
/// </summary>
public sealed record PartnershipInvitationExpiredNotification(
    Guid TenantId,
    Guid InvitationId,
    DateTimeOffset ExpiredAt) : INotification;

/// <summary>R-REL-2: the reseller accepted the provider's partnership request.</summary>
public sealed record PartnershipEstablishedNotification(
    Guid TenantId,
    Guid PartnershipId,
    Guid ResellerOrganisationId,
    DateTimeOffset EstablishedAt) : INotification;

/// <summary>
/// R-REL-3: the tenant admin removed the partnership, attesting with the given text version. Customers
/// associated with the reseller and their delegated admin permissions stay exactly as they were.
/// </summary>
public sealed record PartnershipRemovedNotification(
    Guid TenantId,
    Guid PartnershipId,
    Guid ResellerOrganisationId,
    Guid RemovedByUserId,
    string AttestationVersion,
    DateTimeOffset RemovedAt) : INotification;

/// <summary>
/// R-REL-4..6: a customer administrator accepted a reseller relationship request. The Customers module puts
/// the customer tenant on the provider's customers list, associated with <paramref name="ResellerOrganisationId"/>
/// when the request came from or for a reseller; its direct subscriptions stay untouched (R-REL-6).
/// </summary>
public sealed record CustomerRelationshipAcceptedNotification(
    Guid TenantId,
    Guid InvitationId,
    Guid CustomerTenantId,
    Guid? ResellerOrganisationId,
    string AcceptedBy,
    DateTimeOffset AcceptedAt) : INotification;

/// <summary>
/// Demo and test data (idempotent): gives the tenant an Active partnership with each named reseller organisation
/// of the partner directory, and, when a sender is named, a couple of pending partnership invitations so the
/// invitations and pending-actions pages are not empty. Send it in the tenant's scope (its rows are fenced by
/// row-level security). The host's demo seed sends it for contoso-distribution with Adatum Reseller.
/// </summary>
public sealed record SeedDemoRelationshipsCommand(
    Guid TenantId,
    IReadOnlyList<Guid> PartneredResellerOrganisationIds,
    Guid? PendingInvitationsSentByUserId = null,
    string? PendingInvitationsSentByName = null) : IRequest<int>;
