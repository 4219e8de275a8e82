using MediatR;

namespace GccSaaS.Modules.Ordering.Contracts;

/// <summary>
/// A checkout placed an order (R-ORD-2, R-ORD-3, R-PC-8): its subscriptions are active from
/// <paramref name="PlacedAt"/>; <paramref name="ResellerPartnerId"/> is the reseller of record (R-ORD-4), null for the
/// provider's own customer. Written to Ordering's outbox with the order, for other modules and, later, webhooks.
/// </summary>
public sealed record OrderPlacedNotification(
    Guid TenantId,
    Guid OrderId,
    Guid CustomerId,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    IReadOnlyList<Guid> SubscriptionIds,
    DateTimeOffset PlacedAt) : INotification;
