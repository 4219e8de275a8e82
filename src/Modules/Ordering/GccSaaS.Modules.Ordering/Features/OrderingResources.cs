using System.Text.Json.Serialization;
using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Orders;

namespace GccSaaS.Modules.Ordering.Features;

/// <summary>Partner Center's <c>Cart</c>, plus the transacting reseller's PartnerID.</summary>
internal sealed record CartResource(
    Guid Id,
    DateTimeOffset CreationTimestamp,
    DateTimeOffset LastModifiedTimestamp,
    DateTimeOffset ExpirationTimestamp,
    string LastModifiedUser,
    string Status,
    IReadOnlyList<CartLineItemResource> LineItems,
    bool PartnerOnRecordAttestationAccepted,
    string? ResellerPartnerId,
    Guid? OrderId)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("Cart");

    public static CartResource From(CartDto cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return new(
            cart.Id, cart.CreatedAt, cart.LastModifiedAt, cart.ExpiresAt, cart.LastModifiedBy, cart.Status,
            [.. cart.LineItems.Select(l => new CartLineItemResource(l.Id, l.OfferId, l.OfferName, l.Quantity, l.TermDuration, l.BillingCycle, l.ListPrice, l.CurrencyCode))],
            cart.PartnerOnRecordAttestationAccepted, cart.ResellerPartnerId, cart.OrderId);
    }
}

internal sealed record CartLineItemResource(int Id, string CatalogItemId, string FriendlyName, int Quantity, string TermDuration, string BillingCycle, decimal? ListPrice, string CurrencyCode);

/// <summary>Partner Center's <c>Order</c> with its line items; <c>partnerIdOnRecord</c> is the reseller of record (R-ORD-4).</summary>
internal sealed record OrderResource(
    Guid Id,
    Guid ReferenceCustomerId,
    Guid CartId,
    IReadOnlyList<OrderLineItemResource> LineItems,
    string CurrencyCode,
    DateTimeOffset CreationDate,
    string Status,
    decimal? MarkupPercent = null)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("Order");

    public static OrderResource From(OrderDto order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(
            order.Id, order.CustomerId, order.CartId,
            [.. order.LineItems.Select(l => new OrderLineItemResource(
                l.LineItemNumber, l.OfferId, l.SubscriptionId, l.OfferName, l.Quantity, l.TermDuration, l.BillingCycle, order.ResellerPartnerId, l.ListPrice, order.CurrencyCode, l.ResellerPrice))],
            order.CurrencyCode, order.CreatedAt, order.Status.ToLowerInvariant(), order.MarkupPercent);
    }
}

internal sealed record OrderLineItemResource(
    int LineItemNumber,
    string OfferId,
    Guid SubscriptionId,
    string FriendlyName,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    string? PartnerIdOnRecord,
    decimal ListPrice,
    string CurrencyCode,
    decimal? ResellerPrice = null);

/// <summary>Partner Center's <c>CartCheckoutResult</c>: the orders placed (one here) and no order errors (a refusal is a problem).</summary>
internal sealed record CartCheckoutResultResource(IReadOnlyList<OrderResource> Orders, IReadOnlyList<object> OrderErrors)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("CartCheckoutResult");
}

/// <summary>Partner Center's <c>Subscription</c>: <c>partnerId</c> is the reseller of record's PartnerID (R-ORD-4).</summary>
internal sealed record SubscriptionResource(
    Guid Id,
    string OfferId,
    string OfferName,
    string FriendlyName,
    string ProductFamily,
    string Segment,
    int Quantity,
    string UnitType,
    DateTimeOffset CreationDate,
    DateTimeOffset EffectiveStartDate,
    DateTimeOffset CommitmentEndDate,
    string Status,
    bool AutoRenewEnabled,
    string BillingCycle,
    string TermDuration,
    string? PartnerId,
    Guid OrderId,
    SupportContactResource SupportContact)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("Subscription");

    public static SubscriptionResource From(SubscriptionDto s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.Id, s.OfferId, s.OfferName, s.OfferName, s.ProductFamily, s.Segment, s.Quantity, "Licenses", s.CreatedAt, s.CreatedAt, s.CommitmentEndsAt,
            s.Status.ToLowerInvariant(), s.AutoRenewEnabled, s.BillingCycle, s.TermDuration, s.ResellerPartnerId, s.OrderId,
            new SupportContactResource(s.SupportContactKind, s.SupportContactOrganisationId));
    }
}

/// <summary>R-PC-9: who the designated support contact is: the provider, or a partnered reseller.</summary>
internal sealed record SupportContactResource(string Kind, Guid? ResellerOrganisationId);

/// <summary>One problem of the pre-flight: its stable code, the cart line it concerns, and its description.</summary>
internal sealed record CheckoutProblemResource(string Code, int? LineItemNumber, string Description);

internal sealed record CheckoutPreviewResource(CartResource Cart, bool CanCheckout, IReadOnlyList<CheckoutProblemResource> Problems, string? PartnerIdOnRecord)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("CheckoutPreview");
}
