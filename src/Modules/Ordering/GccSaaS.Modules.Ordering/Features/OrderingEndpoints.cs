using GccSaaS.Modules.Ordering.Features.Carts;
using GccSaaS.Modules.Ordering.Features.Checkout;
using GccSaaS.Modules.Ordering.Features.Orders;

namespace GccSaaS.Modules.Ordering.Features;

/// <summary>
/// Partner Center's cart, checkout, order and subscription routes under <c>/v1/customers/{id}</c> (R-ORD-2, R-ORD-3,
/// R-PC-8). Every route reaches the customer through <see cref="OrderingScope"/>: another tenant's or another
/// reseller's customer is 404 <c>customer_not_found</c>, like one that does not exist.
/// </summary>
internal static class OrderingEndpoints
{
    public static RouteGroupBuilder MapOrderingRoutes(this RouteGroupBuilder v1)
    {
        var customer = v1.MapGroup("/customers/{id:guid}").RequireAuthorization(OrderingPolicies.CanOrder);
        customer.MapPost("/carts", CreateCartAsync).WithName("CreateCart")
            .WithSummary("R-ORD-2, R-PC-8: creates a cart (line items, partner-of-record attestation, reseller PartnerID); it expires in 7 days.");
        customer.MapGet("/carts/{cartId:guid}", GetCartAsync).WithName("GetCart");
        customer.MapPut("/carts/{cartId:guid}", UpdateCartAsync).WithName("UpdateCart")
            .WithSummary("R-PC-8: replaces an active cart's line items, attestation and reseller.");
        customer.MapDelete("/carts/{cartId:guid}", CancelCartAsync).WithName("CancelCart")
            .WithSummary("R-ORD-2: Cancel abandons the whole cart.");
        customer.MapGet("/carts/{cartId:guid}/checkout/preview", PreviewAsync).WithName("PreviewCheckout")
            .WithSummary("Every problem the checkout would meet now, at once; writes nothing.");
        customer.MapPost("/carts/{cartId:guid}/checkout", CheckoutAsync).WithName("CheckoutCart")
            .WithSummary("R-PC-8: places the order in one transaction; idempotent by MS-RequestId, one order per cart.");
        customer.MapGet("/orders", ListOrdersAsync).WithName("ListOrders");
        customer.MapGet("/subscriptions", ListSubscriptionsAsync).WithName("ListSubscriptions")
            .WithSummary("R-ORD-3: the customer's subscriptions; mpn_id filters by the reseller of record's PartnerID.");
        return v1;
    }

    private static Guid TenantOf(HttpContext context) =>
        context.GetTenant()?.Id ?? throw new InvalidOperationException("A /v1 route ran without a tenant.");

    private static async Task<IResult> CreateCartAsync(HttpContext context, Guid id, CartRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var cart = await mediator.Send(new CreateCartCommand(TenantOf(context), id, null, body), cancellationToken);
        return Results.Created($"/v1/customers/{id}/carts/{cart.Id}", CartResource.From(cart));
    }

    private static async Task<IResult> GetCartAsync(HttpContext context, Guid id, Guid cartId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(CartResource.From(await mediator.Send(new GetCartQuery(TenantOf(context), id, cartId), cancellationToken)));

    private static async Task<IResult> UpdateCartAsync(HttpContext context, Guid id, Guid cartId, CartRequest body, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(CartResource.From(await mediator.Send(new UpdateCartCommand(TenantOf(context), id, cartId, body), cancellationToken)));

    private static async Task<IResult> CancelCartAsync(HttpContext context, Guid id, Guid cartId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(CartResource.From(await mediator.Send(new CancelCartCommand(TenantOf(context), id, cartId), cancellationToken)));

    private static async Task<IResult> PreviewAsync(
        HttpContext context, Guid id, Guid cartId, IMediator mediator, OrderingRefusals refusals, CancellationToken cancellationToken)
    {
        var preview = await mediator.Send(new PreviewCheckoutQuery(TenantOf(context), id, cartId), cancellationToken);
        return Results.Ok(new CheckoutPreviewResource(
            CartResource.From(preview.Cart),
            preview.Problems.Count == 0,
            [.. preview.Problems.Select(p => new CheckoutProblemResource(p.Code, p.LineNumber, refusals.Describe(p)))],
            preview.Reseller?.PartnerId));
    }

    private static async Task<IResult> CheckoutAsync(HttpContext context, Guid id, Guid cartId, IMediator mediator, CancellationToken cancellationToken)
    {
        // The request id is the order's natural key too: a host that died after the commit but before the stored
        // answer finds the cart ordered on the retry and answers the same order.
        var requestId = ApiRequestId.Get(context)?.Value ?? Guid.CreateVersion7();
        var result = await mediator.Send(new CheckoutCartCommand(TenantOf(context), id, cartId, requestId), cancellationToken);
        var body = new CartCheckoutResultResource([OrderResource.From(result.Order)], []);
        return result.Placed ? Results.Json(body, statusCode: StatusCodes.Status201Created) : Results.Ok(body);
    }

    private static async Task<IResult> ListOrdersAsync(
        HttpContext context, Guid id, ContinuationPage<IdCursor> page, IMediator mediator, CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new ListOrdersQuery(TenantOf(context), id, page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new IdCursor(r.Id));
        return Results.Ok(new ResourceCollection<OrderResource>([.. collection.Items.Select(OrderResource.From)], collection.Links));
    }

    private static async Task<IResult> ListSubscriptionsAsync(
        HttpContext context,
        Guid id,
        ContinuationPage<IdCursor> page,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "mpn_id")] string? mpnId,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var partnerId = string.IsNullOrWhiteSpace(mpnId) ? null : mpnId.Trim();
        var rows = await mediator.Send(new ListSubscriptionsQuery(TenantOf(context), id, partnerId, page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new IdCursor(r.Id));
        return Results.Ok(new ResourceCollection<SubscriptionResource>([.. collection.Items.Select(SubscriptionResource.From)], collection.Links));
    }
}
