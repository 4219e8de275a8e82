using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Data;

/// <summary>
/// R-REL-2, R-REL-3: a provider tenant's partnership with one indirect reseller organisation (tenant-owned).
/// The reseller's name and PartnerID are copied from the directory when it is established, so the list
/// searches and pages in one query of this schema.
/// </summary>
internal sealed class Partnership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid ResellerOrganisationId { get; set; }

    public string ResellerName { get; set; } = "";

    public string PartnerId { get; set; } = "";

    public PartnershipStatus Status { get; set; }

    public DateTimeOffset Since { get; set; }

    public Guid? InvitationId { get; set; }

    public Guid? EstablishedByUserId { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public Guid? RemovedByUserId { get; set; }

    public string? RemovedByName { get; set; }

    public string? AttestationVersion { get; set; }

    public string? AttestationText { get; set; }

    public PartnershipDto ToDto() => new(Id, TenantId, ResellerOrganisationId, ResellerName, PartnerId, Status, Since);
}

/// <summary>R-REL-1, R-REL-4, R-REL-7: an invitation link of any kind (tenant-owned); the token only as a hash.</summary>
internal sealed class Invitation : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public InvitationKind Kind { get; set; }

    public InvitationStatus Status { get; set; }

    public byte[] TokenHash { get; set; } = [];

    /// <summary>
    /// Only for the standing customer relationship link of <c>/v1/customers/relationshiprequests</c>: its token,
    /// encrypted with the host's Data Protection key ring (never in clear, useless without the key ring), so that
    /// repeated GETs answer the same link until it is used, expires or is revoked. Null for every other invitation.
    /// </summary>
    public string? ProtectedLinkToken { get; set; }

    /// <summary>Partnership: the reseller admin's address. Customer relationship: optional.</summary>
    public string? InvitedEmail { get; set; }

    public Guid CreatedByUserId { get; set; }

    public string CreatedByName { get; set; } = "";

    /// <summary>The sender's UI culture, so reminders speak their language.</summary>
    public string Culture { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Customer relationship: the reseller the request is from or for. Partnership: the organisation that accepted.</summary>
    public Guid? ResellerOrganisationId { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public Guid? AcceptedByUserId { get; set; }

    public string? AcceptedBy { get; set; }

    public Guid? PartnershipId { get; set; }

    public Guid? CustomerTenantId { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? RevokedByUserId { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    public int SendCount { get; set; }

    public InvitationStatus EffectiveStatus(DateTimeOffset now) => InvitationRules.EffectiveStatus(Status, ExpiresAt, now);
}

/// <summary>R-REL-7: a reminder already sent for an invitation at one point (days before expiry): never twice.</summary>
internal sealed class InvitationReminder : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid InvitationId { get; set; }

    public int DaysBefore { get; set; }

    /// <summary>Which sending of the link the reminder belongs to (a resend starts the reminders afresh).</summary>
    public int SendNumber { get; set; }

    public DateTimeOffset SentAt { get; set; }
}

/// <summary>R-REL-7: the tenant's invitation life and reminder points (absent: <see cref="InvitationPolicy.Default"/>).</summary>
internal sealed class InvitationSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int LifetimeDays { get; set; }

    public int[] ReminderDaysBefore { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid? UpdatedByUserId { get; set; }

    public InvitationPolicy ToPolicy() => new(LifetimeDays, ReminderDaysBefore);
}

/// <summary>
/// One word of an active or removed partnership's reseller name, or its whole PartnerID (issue 16: the Indirect
/// resellers search finds any word); written only by the database trigger on partnerships (migration
/// PartnershipNameWords), read by the list's search.
/// </summary>
internal sealed class PartnershipNameWord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string Word { get; set; } = "";

    public Guid PartnershipId { get; set; }
}
