using MediatR;

namespace GccSaaS.Modules.Ordering.Contracts;

/// <summary>
/// A subscription changed after purchase: its license count, auto-renew, status (<c>Deleted</c>: cancelled), reseller
/// of record (R-ORD-4) or support contact (R-ORD-5, R-PC-9). <paramref name="Changes"/> names each field with its old
/// and new value; the rest is the subscription as it now is, at <paramref name="Version"/> (its ETag). Written to
/// Ordering's outbox with the change, for other modules and, later, webhooks.
/// </summary>
public sealed record SubscriptionChangedNotification(
    Guid TenantId,
    Guid SubscriptionId,
    Guid CustomerId,
    IReadOnlyList<SubscriptionChangedField> Changes,
    int Quantity,
    bool AutoRenewEnabled,
    string Status,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    string SupportContactKind,
    Guid? SupportContactOrganisationId,
    int Version,
    Guid? ChangedByUserId,
    string ChangedBy,
    DateTimeOffset ChangedAt) : INotification;

/// <summary>One field of a <see cref="SubscriptionChangedNotification"/>: its name as the API spells it, old and new value.</summary>
public sealed record SubscriptionChangedField(string Field, string? From, string? To);
