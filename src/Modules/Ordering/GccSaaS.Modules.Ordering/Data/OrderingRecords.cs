namespace GccSaaS.Modules.Ordering.Data;

/// <summary>
/// An offer of the catalogue (platform level, no tenant_id: one catalogue for every provider). Seeded by a
/// migration; <see cref="Segment"/> marks GCC offers as Government (R-ORD-1, R-PC-3).
/// </summary>
internal sealed class Offer
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string ProductFamily { get; set; } = "";

    public string Segment { get; set; } = "";

    public string Country { get; set; } = "";

    public int MinimumQuantity { get; set; }

    public int MaximumQuantity { get; set; }

    /// <summary>A retired offer cannot be bought; its subscriptions stay.</summary>
    public bool Retired { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One price of an offer: a term and billing cycle it is sold with, and the list price of one licence per billing period (USD).</summary>
internal sealed class OfferPrice
{
    public string OfferId { get; set; } = "";

    public string TermDuration { get; set; } = "";

    public string BillingCycle { get; set; } = "";

    public decimal ListPrice { get; set; }

    public string CurrencyCode { get; set; } = "";
}

/// <summary>
/// R-ORD-2, R-PC-8: a customer's cart (tenant-owned, RLS): line items, the partner-of-record attestation, the
/// transacting reseller's PartnerID; it expires 7 days after creation and becomes Ordered once, at checkout.
/// </summary>
internal sealed class Cart : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public string Status { get; set; } = "";

    public bool PartnerOnRecordAttestationAccepted { get; set; }

    /// <summary>The transacting reseller's PartnerID (Partner Center's <c>transaction_reseller</c> participant); null: the customer's reseller.</summary>
    public string? ResellerPartnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastModifiedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string LastModifiedBy { get; set; } = "";

    public Guid? OrderId { get; set; }

    public List<CartLineItem> LineItems { get; } = [];
}

internal sealed class CartLineItem : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CartId { get; set; }

    public int Id { get; set; }

    public string OfferId { get; set; } = "";

    public int Quantity { get; set; }

    public string TermDuration { get; set; } = "";

    public string BillingCycle { get; set; } = "";
}

/// <summary>An order: what a checkout bought (tenant-owned, RLS); one per cart, also under racing checkouts (R-PC-8).</summary>
internal sealed class Order : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public Guid CartId { get; set; }

    /// <summary>The MS-RequestId (or portal submission id) of the checkout that placed it.</summary>
    public Guid RequestId { get; set; }

    public string Status { get; set; } = "";

    public string CurrencyCode { get; set; } = "";

    /// <summary>R-ORD-4, R-PC-7: the reseller of record (partner directory id and PartnerID), null for the provider's own customer.</summary>
    public Guid? ResellerOrganisationId { get; set; }

    public string? ResellerPartnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<OrderLineItem> LineItems { get; } = [];

    /// <summary>The reseller of record's markup in force at checkout (percent); null without a reseller of record or before reseller prices.</summary>
    public decimal? MarkupPercent { get; set; }
}

internal sealed class OrderLineItem : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid OrderId { get; set; }

    public int LineItemNumber { get; set; }

    public string OfferId { get; set; } = "";

    public string OfferName { get; set; } = "";

    public int Quantity { get; set; }

    public string TermDuration { get; set; } = "";

    public string BillingCycle { get; set; } = "";

    /// <summary>The list price of one licence per billing period at checkout.</summary>
    public decimal ListPrice { get; set; }

    public Guid SubscriptionId { get; set; }

    /// <summary>The reseller's price of one licence per billing period at checkout: the list price with <see cref="Order.MarkupPercent"/>.</summary>
    public decimal? ResellerPrice { get; set; }
}

/// <summary>
/// A CSP subscription the provider sold (tenant-owned, RLS): active at once, with its reseller of record
/// (R-ORD-4) and its designated support contact, the provider by default (R-PC-9).
/// </summary>
internal sealed partial class Subscription : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; set; }

    public Guid CustomerId { get; set; }

    public Guid OrderId { get; set; }

    public string OfferId { get; set; } = "";

    public string OfferName { get; set; } = "";

    public string ProductFamily { get; set; } = "";

    public string Segment { get; set; } = "";

    public int Quantity { get; set; }

    public string TermDuration { get; set; } = "";

    public string BillingCycle { get; set; } = "";

    public string Status { get; set; } = "";

    public bool AutoRenewEnabled { get; set; }

    public Guid? ResellerOrganisationId { get; set; }

    public string? ResellerPartnerId { get; set; }

    public string SupportContactKind { get; set; } = "";

    public Guid? SupportContactOrganisationId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset CommitmentEndsAt { get; set; }
}

/// <summary>Reseller prices: the provider's default markup (tenant-owned, RLS; one row per tenant, none until a Global admin sets it).</summary>
internal sealed class MarkupSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public decimal DefaultMarkupPercent { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>Reseller prices: one reseller's own markup, which takes the place of the default (tenant-owned, RLS).</summary>
internal sealed class ResellerMarkup : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid ResellerOrganisationId { get; set; }

    public decimal MarkupPercent { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
