namespace GccSaaS.Modules.Notifications.Features.Webhooks;

// The payloads (version 2026-12), as sent and as the OpenAPI document publishes them (components/schemas
// WebhookEvent_{type}, and its webhooks section): every event is { "type", "version", "timestamp", "data" } with one of
// these as data (WebhookEventTypes.All says which). Ids and the facts that changed only.

/// <summary>partnership.invited: the provider sent a partnership invitation (to an address the payload does not carry).</summary>
internal sealed record PartnershipInvitedData(Guid InvitationId, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt);

/// <summary>partnership.accepted, partnership.removed.</summary>
internal sealed record PartnershipEventData(Guid PartnershipId, Guid ResellerOrganisationId, DateTimeOffset OccurredAt, string? AttestationVersion);

/// <summary>partnership.expired: a partnership invitation expired unanswered.</summary>
internal sealed record PartnershipExpiredData(Guid InvitationId, DateTimeOffset ExpiredAt);

/// <summary>customer.created: the provider added a customer (its reseller when one was chosen; GCC-qualified when a validation code was given).</summary>
internal sealed record CustomerCreatedData(Guid CustomerId, string Domain, Guid? ResellerOrganisationId, bool GccQualified, DateTimeOffset CreatedAt);

/// <summary>customer.reseller_associated: the customer's reseller of record is now this one (null: removed).</summary>
internal sealed record CustomerResellerAssociatedData(Guid CustomerId, Guid? ResellerOrganisationId, DateTimeOffset AssociatedAt);

/// <summary>gcc_validation.submitted: a GCC validation case was submitted (subject <c>customer</c> or <c>partner</c>).</summary>
internal sealed record ValidationSubmittedData(
    Guid CaseId, string Subject, Guid? CustomerId, string? CustomerDomain, Guid PartnerOrganisationId, DateTimeOffset SubmittedAt, DateTimeOffset? DueAt);

/// <summary>gcc_validation.information_requested: the reviewer asked for more information (the question is read on the case).</summary>
internal sealed record ValidationInformationRequestedData(
    Guid CaseId, string Subject, Guid? CustomerId, string? CustomerDomain, Guid PartnerOrganisationId, DateTimeOffset RequestedAt);

/// <summary>relationship_request.accepted: a customer accepted a reseller relationship request.</summary>
internal sealed record RelationshipRequestAcceptedData(Guid InvitationId, Guid CustomerId, Guid? ResellerOrganisationId, DateTimeOffset AcceptedAt);

/// <summary>gcc_validation.approved, gcc_validation.denied: a GCC validation case was decided (subject <c>customer</c> or <c>partner</c>).</summary>
internal sealed record ValidationDecidedData(
    Guid CaseId, string Subject, Guid? CustomerId, string? CustomerDomain, Guid? PartnerOrganisationId, bool Approved, string? Reason, DateTimeOffset DecidedAt);

/// <summary>order.placed.</summary>
internal sealed record OrderPlacedData(Guid OrderId, Guid CustomerId, Guid? ResellerOrganisationId, string? ResellerPartnerId, IReadOnlyList<Guid> SubscriptionIds, DateTimeOffset PlacedAt);

/// <summary>One changed field of subscription.changed.</summary>
internal sealed record SubscriptionFieldChange(string Field, string? From, string? To);

/// <summary>subscription.changed: the fields that changed and the subscription as it now is.</summary>
internal sealed record SubscriptionChangedData(
    Guid SubscriptionId,
    Guid CustomerId,
    IReadOnlyList<SubscriptionFieldChange> Changes,
    int Quantity,
    bool AutoRenewEnabled,
    string Status,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    string SupportContactKind,
    Guid? SupportContactOrganisationId,
    int Version,
    DateTimeOffset ChangedAt);

/// <summary>The envelope every delivery's body is.</summary>
internal sealed record WebhookEventEnvelope<TData>(string Type, string Version, DateTimeOffset Timestamp, TData Data);

/// <summary>One event type of <c>GET /v1/webhooks/eventtypes</c>.</summary>
internal sealed record WebhookEventTypeResource(string Name, bool ResellerUsersMaySubscribe);

/// <summary><c>GET /v1/webhooks/eventtypes</c>: the payload version and the event types (the payload schemas are the OpenAPI document's <c>WebhookEvent_…</c>).</summary>
internal sealed record WebhookEventTypesResource(string Version, IReadOnlyList<WebhookEventTypeResource> EventTypes)
{
    public static readonly WebhookEventTypesResource Instance = new(
        WebhookEventTypes.Version,
        [.. WebhookEventTypes.All.Select(t => new WebhookEventTypeResource(t.Name, t.AboutCustomers))]);
}
