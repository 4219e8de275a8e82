using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;

namespace GccSaaS.Modules.Ordering.Features.Carts;

internal sealed record CartLineDto(int Id, string OfferId, string OfferName, int Quantity, string TermDuration, string BillingCycle, decimal? ListPrice, string CurrencyCode);

internal sealed record CartDto(
    Guid Id,
    Guid CustomerId,
    string Status,
    bool PartnerOnRecordAttestationAccepted,
    string? ResellerPartnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastModifiedAt,
    DateTimeOffset ExpiresAt,
    string LastModifiedBy,
    Guid? OrderId,
    IReadOnlyList<CartLineDto> LineItems);

/// <summary>R-ORD-2, R-PC-8: a new cart for the customer; it expires 7 days after now. <paramref name="CartId"/>: the portal's submission id (a resubmitted form makes one cart).</summary>
internal sealed record CreateCartCommand(Guid TenantId, Guid CustomerId, Guid? CartId, CartRequest Cart) : IRequest<CartDto>;

/// <summary>R-PC-8: replaces an active cart's line items, attestation and reseller (Partner Center's update takes the whole cart).</summary>
internal sealed record UpdateCartCommand(Guid TenantId, Guid CustomerId, Guid CartId, CartRequest Cart) : IRequest<CartDto>;

/// <summary>R-ORD-2: "Cancel" abandons the whole cart.</summary>
internal sealed record CancelCartCommand(Guid TenantId, Guid CustomerId, Guid CartId) : IRequest<CartDto>;

internal sealed record GetCartQuery(Guid TenantId, Guid CustomerId, Guid CartId) : IRequest<CartDto>;

internal sealed class CartInputRules : IRequestValidator<CreateCartCommand>, IRequestValidator<UpdateCartCommand>
{
    public IEnumerable<ValidationFailure> Validate(CreateCartCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cart.Validate();
    }

    public IEnumerable<ValidationFailure> Validate(UpdateCartCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Cart.Validate();
    }
}

/// <summary>How carts are found, locked and shown, for the cart handlers and the checkout alike.</summary>
internal sealed class CartStore(OrderingDbContext db, OrderingRefusals refusals, IMediator mediator)
{
    /// <summary>
    /// Locks the cart row for the rest of the transaction (<c>FOR UPDATE</c>): a checkout and a change of one cart
    /// run one after the other, so a cart is ordered once (R-PC-8) and never changed while it is checked out.
    /// </summary>
    public async Task<Cart> LockAsync(Guid tenantId, Guid customerId, Guid cartId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT 1 FROM ordering.carts WHERE tenant_id = {tenantId} AND id = {cartId} FOR UPDATE", cancellationToken);
        return await FindAsync(tenantId, customerId, cartId, cancellationToken);
    }

    public async Task<Cart> FindAsync(Guid tenantId, Guid customerId, Guid cartId, CancellationToken cancellationToken) =>
        await db.Carts.Include(c => c.LineItems)
            .FirstOrDefaultAsync(c => c.TenantId == tenantId && c.CustomerId == customerId && c.Id == cartId, cancellationToken)
        ?? throw refusals.CartNotFound(cartId);

    /// <summary>An active cart whose lifetime has not ended: the only kind that may change (R-PC-8).</summary>
    public void EnsureChangeable(Cart cart, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cart);
        if (cart.Status == Jobs.CartExpiry.Expired)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartExpired); // marked by the cart-expiry job
        }

        if (cart.Status != CartStatuses.Active)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartNotActive, DomainErrorKind.Conflict);
        }

        if (now >= cart.ExpiresAt)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartExpired);
        }
    }

    /// <summary>Replaces the cart's lines; every offer must exist in the catalogue (what it allows is checked at checkout).</summary>
    public async Task SetLinesAsync(Cart cart, CartRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cart);
        ArgumentNullException.ThrowIfNull(request);
        var offers = await mediator.Send(new GetOffersQuery([.. request.Lines.Select(l => l.OfferId)]), cancellationToken);
        for (var i = 0; i < request.Lines.Count; i++)
        {
            if (!offers.ContainsKey(request.Lines[i].OfferId))
            {
                throw new RequestValidationException([new($"lineItems[{i}].catalogItemId", OrderingErrorCodes.OfferNotFound, refusals.Describe(OrderingErrorCodes.OfferNotFound, request.Lines[i].OfferId))]);
            }
        }

        foreach (var old in cart.LineItems.ToList())
        {
            cart.LineItems.Remove(old);
            db.CartLineItems.Remove(old);
        }

        if (db.Entry(cart).State != EntityState.Added)
        {
            await db.SaveChangesAsync(cancellationToken); // the old lines go before new ones reuse their numbers
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            cart.LineItems.Add(new CartLineItem
            {
                TenantId = cart.TenantId,
                CartId = cart.Id,
                Id = i,
                OfferId = line.OfferId,
                Quantity = line.Quantity ?? 0,
                TermDuration = line.Term,
                BillingCycle = line.Cycle,
            });
        }

        cart.PartnerOnRecordAttestationAccepted = request.PartnerOnRecordAttestationAccepted == true;
        cart.ResellerPartnerId = request.Reseller;
    }

    public async Task<CartDto> ToDtoAsync(Cart cart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var offers = await mediator.Send(new GetOffersQuery([.. cart.LineItems.Select(l => l.OfferId)]), cancellationToken);
        return new CartDto(
            cart.Id,
            cart.CustomerId,
            cart.Status,
            cart.PartnerOnRecordAttestationAccepted,
            cart.ResellerPartnerId,
            cart.CreatedAt,
            cart.LastModifiedAt,
            cart.ExpiresAt,
            cart.LastModifiedBy,
            cart.OrderId,
            [.. cart.LineItems.OrderBy(l => l.Id).Select(l =>
            {
                var offer = offers.GetValueOrDefault(l.OfferId);
                var price = offer?.PriceOf(l.TermDuration, l.BillingCycle);
                return new CartLineDto(l.Id, l.OfferId, offer?.Name ?? l.OfferId, l.Quantity, l.TermDuration, l.BillingCycle, price?.ListPrice, price?.CurrencyCode ?? "USD");
            })]);
    }
}

internal sealed class CartHandlers(
    OrderingDbContext db,
    OrderingScope scope,
    CartStore carts,
    OrderingRefusals refusals,
    ITenantContextAccessor tenants,
    TimeProvider clock)
    : IRequestHandler<CreateCartCommand, CartDto>,
      IRequestHandler<UpdateCartCommand, CartDto>,
      IRequestHandler<CancelCartCommand, CartDto>,
      IRequestHandler<GetCartQuery, CartDto>
{
    public async Task<CartDto> Handle(CreateCartCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureTenant(request.TenantId);
        await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        if (request.CartId is { } existingId
            && await db.Carts.AnyAsync(c => c.TenantId == request.TenantId && c.Id == existingId, cancellationToken))
        {
            // The portal's resubmitted form: the same cart, changed while it may still change.
            return await Handle(new UpdateCartCommand(request.TenantId, request.CustomerId, existingId, request.Cart), cancellationToken);
        }

        var now = clock.GetUtcNow();
        var cart = new Cart
        {
            TenantId = request.TenantId,
            Id = request.CartId ?? Guid.CreateVersion7(),
            CustomerId = request.CustomerId,
            Status = CartStatuses.Active,
            CreatedAt = now,
            LastModifiedAt = now,
            ExpiresAt = now + CheckoutRules.CartLifetime, // R-PC-8
            LastModifiedBy = scope.ActorName,
        };
        db.Carts.Add(cart);
        await carts.SetLinesAsync(cart, request.Cart, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await carts.ToDtoAsync(cart, cancellationToken);
    }

    public async Task<CartDto> Handle(UpdateCartCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureTenant(request.TenantId);
        await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        var cart = await carts.LockAsync(request.TenantId, request.CustomerId, request.CartId, cancellationToken);
        var now = clock.GetUtcNow();
        carts.EnsureChangeable(cart, now);
        await carts.SetLinesAsync(cart, request.Cart, cancellationToken);
        cart.LastModifiedAt = now;
        cart.LastModifiedBy = scope.ActorName;
        await db.SaveChangesAsync(cancellationToken);
        return await carts.ToDtoAsync(cart, cancellationToken);
    }

    public async Task<CartDto> Handle(CancelCartCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureTenant(request.TenantId);
        await scope.CustomerToChangeAsync(request.TenantId, request.CustomerId, cancellationToken);
        var cart = await carts.LockAsync(request.TenantId, request.CustomerId, request.CartId, cancellationToken);
        if (cart.Status == CartStatuses.Ordered)
        {
            throw refusals.Refuse(OrderingErrorCodes.CartNotActive, DomainErrorKind.Conflict);
        }

        if (cart.Status == CartStatuses.Abandoned)
        {
            return await carts.ToDtoAsync(cart, cancellationToken); // cancelling twice changes nothing more
        }

        // R-ORD-2: the whole cart is abandoned.
        cart.Status = CartStatuses.Abandoned;
        cart.LastModifiedAt = clock.GetUtcNow();
        cart.LastModifiedBy = scope.ActorName;
        await db.SaveChangesAsync(cancellationToken);
        return await carts.ToDtoAsync(cart, cancellationToken);
    }

    public async Task<CartDto> Handle(GetCartQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await scope.CustomerAsync(request.TenantId, request.CustomerId, cancellationToken);
        var cart = await carts.FindAsync(request.TenantId, request.CustomerId, request.CartId, cancellationToken);
        return await carts.ToDtoAsync(cart, cancellationToken);
    }

    private void EnsureTenant(Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }
    }
}
