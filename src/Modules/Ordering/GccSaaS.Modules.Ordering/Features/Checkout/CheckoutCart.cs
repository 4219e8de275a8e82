using GccSaaS.Modules.Ordering.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Ordering.Features.Pricing;

namespace GccSaaS.Modules.Ordering.Features.Checkout;

/// <summary>
/// R-ORD-2, R-ORD-3, R-PC-8: checks out the cart in one transaction — every rule (<see cref="CheckoutPreflight"/>), then
/// the order and one active subscription per line (R-PC-9: support contact the provider), the cart Ordered. A cart is
/// ordered once: racing checkouts wait on the cart's row lock and the later ones answer the same order
/// (<see cref="CheckoutResult.Placed"/> false), whatever their <paramref name="RequestId"/>s.
/// </summary>
internal sealed record CheckoutCartCommand(Guid TenantId, Guid CustomerId, Guid CartId, Guid RequestId) : IRequest<CheckoutResult>;

internal sealed record CheckoutResult(OrderDto Order, bool Placed);

/// <summary>Issue 14's pre-flight: every problem a checkout of the cart would meet now, without writing anything.</summary>
internal sealed record PreviewCheckoutQuery(Guid TenantId, Guid CustomerId, Guid CartId) : IRequest<CheckoutPreview>;

internal sealed record CheckoutPreview(CartDto Cart, IReadOnlyList<CheckoutProblem> Problems, ResellerOfRecord? Reseller);

internal sealed class CheckoutCartHandler(
    OrderingDbContext db,
    OrderingScope scope,
    CartStore carts,
    CheckoutPreflight preflight,
    OrderingRefusals refusals,
    ResellerPricing pricing,
    ITenantContextAccessor tenants,
    TimeProvider clock)
    : IRequestHandler<CheckoutCartCommand, CheckoutResult>, IRequestHandler<PreviewCheckoutQuery, CheckoutPreview>
{
    public async Task<CheckoutResult> Handle(CheckoutCartCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        var customer = await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        var cart = await carts.LockAsync(request.TenantId, request.CustomerId, request.CartId, cancellationToken);
        if (cart.Status == CartStatuses.Ordered && cart.OrderId is { } ordered)
        {
            // R-PC-8: checkout is safe to retry; the cart's one order is the answer.
            var existing = await db.Orders.AsNoTracking().Include(o => o.LineItems)
                .FirstAsync(o => o.TenantId == request.TenantId && o.Id == ordered, cancellationToken);
            return new CheckoutResult(OrderQueryHandlers.ToDto(existing), Placed: false);
        }

        if (cart.Status == Jobs.CartExpiry.Expired)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartExpired); // marked by the cart-expiry job
        }

        if (cart.Status != CartStatuses.Active)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartNotActive, DomainErrorKind.Conflict);
        }

        var result = await preflight.EvaluateAsync(request.TenantId, customer, cart, cancellationToken);
        if (result.Problems.Count > 0)
        {
            throw refusals.Refuse(result.Problems[0]);
        }

        var now = clock.GetUtcNow();

        // Reseller prices: the order keeps the reseller of record's markup in force now, whatever the provider sets later.
        decimal? markup = result.Reseller is { } credited
            ? await pricing.MarkupInForceAsync(request.TenantId, credited.OrganisationId, cancellationToken)
            : null;
        var order = new Order
        {
            TenantId = request.TenantId,
            Id = Guid.CreateVersion7(),
            CustomerId = request.CustomerId,
            CartId = cart.Id,
            RequestId = request.RequestId,
            Status = "Completed",
            CurrencyCode = "USD",
            ResellerOrganisationId = result.Reseller?.OrganisationId,
            ResellerPartnerId = result.Reseller?.PartnerId,
            CreatedAt = now,
            CreatedBy = scope.ActorName,
            MarkupPercent = markup,
        };
        var subscriptions = new List<Guid>();
        foreach (var line in cart.LineItems.OrderBy(l => l.Id))
        {
            var offer = result.Offers[line.OfferId];
            var price = offer.PriceOf(line.TermDuration, line.BillingCycle)
                ?? throw new InvalidOperationException("The pre-flight passed a line whose term the offer does not sell.");
            var subscription = new Subscription
            {
                TenantId = request.TenantId,
                Id = Guid.CreateVersion7(),
                CustomerId = request.CustomerId,
                OrderId = order.Id,
                OfferId = offer.Id,
                OfferName = offer.Name,
                ProductFamily = offer.ProductFamily,
                Segment = offer.Segment,
                Quantity = line.Quantity,
                TermDuration = line.TermDuration,
                BillingCycle = line.BillingCycle,
                Status = SubscriptionStatuses.Active, // active and visible at once
                AutoRenewEnabled = true,
                ResellerOrganisationId = result.Reseller?.OrganisationId,
                ResellerPartnerId = result.Reseller?.PartnerId,
                SupportContactKind = SupportContactKinds.Provider, // R-PC-9
                CreatedAt = now,
                CommitmentEndsAt = line.TermDuration switch
                {
                    TermDurations.OneMonth => now.AddMonths(1),
                    TermDurations.ThreeYears => now.AddYears(3),
                    _ => now.AddYears(1),
                },
            };
            order.LineItems.Add(new OrderLineItem
            {
                TenantId = request.TenantId,
                OrderId = order.Id,
                LineItemNumber = line.Id,
                OfferId = offer.Id,
                OfferName = offer.Name,
                Quantity = line.Quantity,
                TermDuration = line.TermDuration,
                BillingCycle = line.BillingCycle,
                ListPrice = price.ListPrice,
                SubscriptionId = subscription.Id,
                ResellerPrice = markup is { } percent ? ResellerPrices.Of(price.ListPrice, percent) : null,
            });
            subscriptions.Add(subscription.Id);
            db.Subscriptions.Add(subscription);
        }

        db.Orders.Add(order);
        cart.Status = CartStatuses.Ordered;
        cart.OrderId = order.Id;
        cart.LastModifiedAt = now;
        cart.LastModifiedBy = scope.ActorName;
        db.EnqueueNotification(
            new OrderPlacedNotification(request.TenantId, order.Id, request.CustomerId, order.ResellerOrganisationId, order.ResellerPartnerId, subscriptions, now),
            clock);
        await db.SaveChangesAsync(cancellationToken);
        return new CheckoutResult(OrderQueryHandlers.ToDto(order), Placed: true);
    }

    public async Task<CheckoutPreview> Handle(PreviewCheckoutQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var customer = await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var cart = await carts.FindAsync(request.TenantId, request.CustomerId, request.CartId, cancellationToken);
        var result = await preflight.EvaluateAsync(request.TenantId, customer, cart, cancellationToken);
        IReadOnlyList<CheckoutProblem> problems = cart.Status == CartStatuses.Active ? result.Problems
            : cart.Status == Jobs.CartExpiry.Expired ? [new(OrderingErrorCodes.CartExpired)]
            : [new(OrderingErrorCodes.CartNotActive)];
        return new CheckoutPreview(await carts.ToDtoAsync(cart, cancellationToken), problems, result.Reseller);
    }
}
