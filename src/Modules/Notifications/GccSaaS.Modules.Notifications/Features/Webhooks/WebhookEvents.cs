using System.Text.Json;
using System.Text.Json.Serialization;
using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>
/// An event type endpoints subscribe to; <see cref="AboutCustomers"/> types are the ones reseller users may choose;
/// <see cref="DataType"/> is its payload's <c>data</c> (published in the OpenAPI document as <c>WebhookEvent_{type}</c>).
/// </summary>
internal sealed record WebhookEventType(string Name, bool AboutCustomers, Type DataType, string Description);

/// <summary>The event types and the payload version (docs/webhooks.md describes each payload).</summary>
internal static class WebhookEventTypes
{
    /// <summary>The payload version every delivery carries; a change to a payload's shape gets a new one.</summary>
    public const string Version = "2026-12";

    public const string PartnershipInvited = "partnership.invited";
    public const string PartnershipAccepted = "partnership.accepted";
    public const string PartnershipExpired = "partnership.expired";
    public const string PartnershipRemoved = "partnership.removed";
    public const string CustomerCreated = "customer.created";
    public const string CustomerResellerAssociated = "customer.reseller_associated";
    public const string RelationshipRequestAccepted = "relationship_request.accepted";
    public const string ValidationSubmitted = "gcc_validation.submitted";
    public const string ValidationInformationRequested = "gcc_validation.information_requested";
    public const string ValidationApproved = "gcc_validation.approved";
    public const string ValidationDenied = "gcc_validation.denied";
    public const string OrderPlaced = "order.placed";
    public const string SubscriptionChanged = "subscription.changed";

    /// <summary>Every type the product sends (each has a handler in Integrations/WebhookEventHandlers.cs).</summary>
    public static readonly IReadOnlyList<WebhookEventType> All =
    [
        new(PartnershipInvited, false, typeof(PartnershipInvitedData), "The provider sent an indirect reseller a partnership invitation."),
        new(PartnershipAccepted, false, typeof(PartnershipEventData), "A reseller accepted the provider's partnership invitation."),
        new(PartnershipExpired, false, typeof(PartnershipExpiredData), "A partnership invitation expired unanswered."),
        new(PartnershipRemoved, false, typeof(PartnershipEventData), "The provider removed a partnership."),
        new(CustomerCreated, true, typeof(CustomerCreatedData), "The provider added a customer."),
        new(CustomerResellerAssociated, true, typeof(CustomerResellerAssociatedData), "A customer's reseller of record was set or changed."),
        new(RelationshipRequestAccepted, true, typeof(RelationshipRequestAcceptedData), "A customer accepted a reseller relationship request."),
        new(ValidationSubmitted, false, typeof(ValidationSubmittedData), "A GCC validation case was submitted."),
        new(ValidationInformationRequested, false, typeof(ValidationInformationRequestedData), "The reviewer asked for more information on a GCC validation case."),
        new(ValidationApproved, false, typeof(ValidationDecidedData), "A GCC validation case was approved."),
        new(ValidationDenied, false, typeof(ValidationDecidedData), "A GCC validation case was denied."),
        new(OrderPlaced, true, typeof(OrderPlacedData), "An order was placed for a customer."),
        new(SubscriptionChanged, true, typeof(SubscriptionChangedData), "A customer's subscription changed."),
    ];

    public static WebhookEventType? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}

/// <summary>
/// Turns one fact of another module (delivered from its outbox) into one delivery row per matching endpoint, in the
/// handler's transaction: an endpoint that subscribes to the type and is not disabled, and, for a reseller user's
/// endpoint, only when the fact is about that reseller's customers (the reseller organisation the fact names).
/// </summary>
internal sealed class WebhookFanOut(NotificationsDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public Task<int> AddAsync<TData>(Guid tenantId, Guid sourceMessageId, string type, Guid? resellerOrganisationId, TData data, DateTimeOffset occurredAt, CancellationToken cancellationToken) =>
        AddManyAsync(tenantId, type, resellerOrganisationId, [(sourceMessageId, data, occurredAt)], cancellationToken);

    /// <summary>
    /// Issue 19: the deliveries of many events of one type and audience (a claimed batch of one tenant's messages):
    /// the endpoints are looked up once, and each event gets one delivery per endpoint, in the events' order.
    /// </summary>
    public async Task<int> AddManyAsync<TData>(
        Guid tenantId, string type, Guid? resellerOrganisationId, IReadOnlyList<(Guid SourceMessageId, TData Data, DateTimeOffset OccurredAt)> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (WebhookEventTypes.Find(type)?.DataType != typeof(TData))
        {
            // The payload sent must be the one the OpenAPI document publishes for the type.
            throw new InvalidOperationException($"{type} carries {WebhookEventTypes.Find(type)?.DataType.Name ?? "no declared payload"}, not {typeof(TData).Name}.");
        }

        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Status != WebhookEndpointStatuses.Disabled && e.EventTypes.Contains(type)
                && (e.OwnerResellerOrganisationId == null || (resellerOrganisationId != null && e.OwnerResellerOrganisationId == resellerOrganisationId)))
            .Select(e => e.Id)
            .Take(ManageWebhooks.MaxEndpointsPerTenant)
            .ToListAsync(cancellationToken);
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        // Sorted version 7 ids: the deliveries' id order is the events' order even within one millisecond.
        var ids = new Queue<Guid>(Enumerable.Range(0, events.Count * endpoints.Count).Select(_ => Guid.CreateVersion7()).Order());
        foreach (var (sourceMessageId, data, occurredAt) in events)
        {
            var payload = JsonSerializer.Serialize(new WebhookEventEnvelope<TData>(type, WebhookEventTypes.Version, occurredAt, data), Json);
            foreach (var endpoint in endpoints)
            {
                db.Set<WebhookDelivery>().Add(new WebhookDelivery
                {
                    TenantId = tenantId,
                    Id = ids.Dequeue(),
                    EndpointId = endpoint,
                    EventType = type,
                    Payload = payload,
                    SourceMessageId = sourceMessageId,
                    CreatedAt = now,
                    Status = WebhookDeliveryStatuses.Pending,
                    NextAttemptAt = now,
                });
            }
        }

        return endpoints.Count * events.Count;
    }
}
