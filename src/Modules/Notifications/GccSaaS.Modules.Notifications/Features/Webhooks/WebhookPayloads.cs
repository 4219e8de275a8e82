namespace GccSaaS.Modules.Notifications.Features.Webhooks;

// The payloads (version 2026-12), as sent and as the OpenAPI document publishes them: every event is
// { "type", "version", "timestamp", "data" } with one of these as data. Ids and the facts that changed only.

/// <summary>partnership.accepted, partnership.removed (and, later, invited and expired).</summary>
internal sealed record PartnershipEventData(Guid PartnershipId, Guid ResellerOrganisationId, DateTimeOffset OccurredAt, string? AttestationVersion);

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

/// <summary>One schema per payload, so the OpenAPI document publishes them.</summary>
internal sealed record WebhookPayloadSchemas(
    WebhookEventEnvelope<PartnershipEventData>? Partnership,
    WebhookEventEnvelope<RelationshipRequestAcceptedData>? RelationshipRequestAccepted,
    WebhookEventEnvelope<ValidationDecidedData>? ValidationDecided,
    WebhookEventEnvelope<OrderPlacedData>? OrderPlaced,
    WebhookEventEnvelope<SubscriptionChangedData>? SubscriptionChanged);

/// <summary><c>GET /v1/webhooks/eventtypes</c>: the payload version, the event types, and (for the OpenAPI document) the payload schemas.</summary>
internal sealed record WebhookEventTypesResource(string Version, IReadOnlyList<WebhookEventTypeResource> EventTypes, WebhookPayloadSchemas? Payloads)
{
    public static readonly WebhookEventTypesResource Instance = new(
        WebhookEventTypes.Version,
        [.. WebhookEventTypes.All.Select(t => new WebhookEventTypeResource(t.Name, t.AboutCustomers))],
        null);
}
