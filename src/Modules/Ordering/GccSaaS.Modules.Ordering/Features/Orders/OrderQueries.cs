using GccSaaS.Modules.Ordering.Data;

namespace GccSaaS.Modules.Ordering.Features.Orders;

internal sealed record OrderLineDto(int LineItemNumber, string OfferId, string OfferName, int Quantity, string TermDuration, string BillingCycle, decimal ListPrice, Guid SubscriptionId, decimal? ResellerPrice = null);

internal sealed record OrderDto(
    Guid Id,
    Guid CustomerId,
    Guid CartId,
    string Status,
    string CurrencyCode,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    IReadOnlyList<OrderLineDto> LineItems,
    decimal? MarkupPercent = null);

internal sealed record SubscriptionDto(
    Guid Id,
    Guid CustomerId,
    Guid OrderId,
    string OfferId,
    string OfferName,
    string ProductFamily,
    string Segment,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    string Status,
    bool AutoRenewEnabled,
    Guid? ResellerOrganisationId,
    string? ResellerPartnerId,
    string SupportContactKind,
    Guid? SupportContactOrganisationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset CommitmentEndsAt);

/// <summary>The keyset of orders and subscriptions: their ids are version 7 GUIDs, so id order is creation order.</summary>
internal sealed record IdCursor(Guid Id);

/// <summary>
/// A customer's orders with their line items, oldest first or, <paramref name="Descending"/>, newest first, the rows
/// strictly after <paramref name="After"/> in that order (the index on tenant, customer and id serves either way; the
/// caller has reached the customer through <see cref="OrderingScope"/>).
/// </summary>
internal sealed record ListOrdersQuery(Guid TenantId, Guid CustomerId, IdCursor? After, int Take, bool Descending = false) : IRequest<IReadOnlyList<OrderDto>>;

/// <summary>
/// A customer's subscriptions, oldest first or, <paramref name="Descending"/>, newest first (the index on tenant,
/// customer and id serves either way), optionally of one reseller of record's PartnerID (Partner Center's <c>mpn_id</c>).
/// </summary>
internal sealed record ListSubscriptionsQuery(Guid TenantId, Guid CustomerId, string? ResellerPartnerId, IdCursor? After, int Take, bool Descending = false)
    : IRequest<IReadOnlyList<SubscriptionDto>>;

/// <summary>The orders a customer's subscriptions and orders pages offer: when purchased or placed (id order, ids are version 7).</summary>
internal static class CustomerListSorts
{
    public const string Purchased = "purchased";

    public const string Placed = "placed";
}

internal sealed record GetOrderQuery(Guid TenantId, Guid OrderId) : IRequest<OrderDto?>;

internal sealed class OrderQueryHandlers(OrderingDbContext db, OrderingScope scope)
    : IRequestHandler<ListOrdersQuery, IReadOnlyList<OrderDto>>,
      IRequestHandler<ListSubscriptionsQuery, IReadOnlyList<SubscriptionDto>>,
      IRequestHandler<GetOrderQuery, OrderDto?>
{
    public async Task<IReadOnlyList<OrderDto>> Handle(ListOrdersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var query = db.Orders.AsNoTracking().Include(o => o.LineItems)
            .Where(o => o.TenantId == request.TenantId && o.CustomerId == request.CustomerId);
        if (request.After is { } after)
        {
            query = request.Descending ? query.Where(o => o.Id < after.Id) : query.Where(o => o.Id > after.Id);
        }

        var ordered = request.Descending ? query.OrderByDescending(o => o.Id) : query.OrderBy(o => o.Id);
        var orders = await ordered.Take(request.Take).ToListAsync(cancellationToken);
        return [.. orders.Select(ToDto)];
    }

    public async Task<OrderDto?> Handle(GetOrderQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var order = await db.Orders.AsNoTracking().Include(o => o.LineItems)
            .FirstOrDefaultAsync(o => o.TenantId == request.TenantId && o.Id == request.OrderId, cancellationToken);
        return order is null ? null : ToDto(order);
    }

    public async Task<IReadOnlyList<SubscriptionDto>> Handle(ListSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var query = db.Subscriptions.AsNoTracking().Where(s => s.TenantId == request.TenantId && s.CustomerId == request.CustomerId);
        if (request.ResellerPartnerId is { } partnerId)
        {
            query = query.Where(s => s.ResellerPartnerId == partnerId);
        }

        if (request.After is { } after)
        {
            query = request.Descending ? query.Where(s => s.Id < after.Id) : query.Where(s => s.Id > after.Id);
        }

        var ordered = request.Descending ? query.OrderByDescending(s => s.Id) : query.OrderBy(s => s.Id);
        return await ordered.Take(request.Take)
            .Select(s => new SubscriptionDto(
                s.Id, s.CustomerId, s.OrderId, s.OfferId, s.OfferName, s.ProductFamily, s.Segment, s.Quantity, s.TermDuration, s.BillingCycle,
                s.Status, s.AutoRenewEnabled, s.ResellerOrganisationId, s.ResellerPartnerId, s.SupportContactKind, s.SupportContactOrganisationId,
                s.CreatedAt, s.CommitmentEndsAt))
            .ToListAsync(cancellationToken);
    }

    public static OrderDto ToDto(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new(
            order.Id, order.CustomerId, order.CartId, order.Status, order.CurrencyCode, order.ResellerOrganisationId, order.ResellerPartnerId,
            order.CreatedAt, order.CreatedBy,
            [.. order.LineItems.OrderBy(l => l.LineItemNumber).Select(l => new OrderLineDto(
                l.LineItemNumber, l.OfferId, l.OfferName, l.Quantity, l.TermDuration, l.BillingCycle, l.ListPrice, l.SubscriptionId, l.ResellerPrice))],
            order.MarkupPercent);
    }
}
