using System.Text.Json;
using System.Text.Json.Serialization;
using GccSaaS.Modules.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>An event type endpoints subscribe to; <see cref="AboutCustomers"/> types are the ones reseller users may choose.</summary>
internal sealed record WebhookEventType(string Name, bool AboutCustomers);

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

    public static readonly IReadOnlyList<WebhookEventType> All =
    [
        new(PartnershipInvited, false),
        new(PartnershipAccepted, false),
        new(PartnershipExpired, false),
        new(PartnershipRemoved, false),
        new(CustomerCreated, true),
        new(CustomerResellerAssociated, true),
        new(RelationshipRequestAccepted, true),
        new(ValidationSubmitted, false),
        new(ValidationInformationRequested, false),
        new(ValidationApproved, false),
        new(ValidationDenied, false),
        new(OrderPlaced, true),
        new(SubscriptionChanged, true),
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

    public async Task<int> AddAsync<TData>(Guid tenantId, Guid sourceMessageId, string type, Guid? resellerOrganisationId, TData data, DateTimeOffset occurredAt, CancellationToken cancellationToken)
    {
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

        var payload = JsonSerializer.Serialize(new WebhookEventEnvelope<TData>(type, WebhookEventTypes.Version, occurredAt, data), Json);
        var now = clock.GetUtcNow();
        foreach (var endpoint in endpoints)
        {
            db.Set<WebhookDelivery>().Add(new WebhookDelivery
            {
                TenantId = tenantId,
                Id = Guid.CreateVersion7(),
                EndpointId = endpoint,
                EventType = type,
                Payload = payload,
                SourceMessageId = sourceMessageId,
                CreatedAt = now,
                Status = WebhookDeliveryStatuses.Pending,
                NextAttemptAt = now,
            });
        }

        return endpoints.Count;
    }
}
