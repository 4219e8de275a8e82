namespace GccSaaS.Modules.Customers.Features.CustomerWorkspace;

/// <param name="DisplayName">The user's name.</param>
/// <param name="Email">The user's e-mail address (unique within the customer).</param>
internal sealed record CustomerUserBody(string? DisplayName, string? Email);

/// <param name="ProductId">The product's id as <c>GET /customer/api/licenses</c> lists it.</param>
/// <param name="Email">The user's e-mail address.</param>
internal sealed record LicenseAssignmentBody(string? ProductId, string? Email);

/// <summary>
/// The customer workspace's JSON API (docs/api.md, ADR 0020), beside the pages and under the same cookie (no
/// <c>/v1</c> key reaches it, and its cookie reaches nothing else). R-ORD-7: licenses per product and direct
/// subscriptions, the customer's users, and license assignments; never a CSP subscription id, price, term, reseller
/// of record or order. Writes take JSON only (a cross-site form cannot send it, and the cookie is SameSite=Lax).
/// </summary>
internal static class CustomerWorkspaceApi
{
    public static IEndpointRouteBuilder MapCustomerWorkspaceApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(CustomerWorkspaceAuthentication.ApiPrefix)
            .RequireAuthorization(CustomerWorkspaceAuthentication.Policy)
            .WithTags("Customer workspace")
            .ExcludeFromDescription();

        api.MapGet("/licenses", (HttpContext context, CustomerLicenseBook book) => InWorkspaceAsync(context, async customer =>
        {
            var products = await book.ProductsAsync(customer.Id, context.RequestAborted);
            var direct = await book.DirectAsync(customer.Id, context.RequestAborted);
            return Results.Ok(new
            {
                products = products.Select(p => new { productId = p.ProductId, productName = p.ProductName, purchased = p.Purchased, assigned = p.Assigned, available = p.Available }),
                directSubscriptions = direct.Select(d => new { productName = d.ProductName, quantity = d.Quantity, status = d.Status, purchasedAt = d.PurchasedAt }),
            });
        }));

        api.MapGet("/licenses/assignments", (HttpContext context, CustomerLicenseBook book) => InWorkspaceAsync(context, async customer =>
        {
            var products = await book.ProductsAsync(customer.Id, context.RequestAborted);
            var assignments = await book.AssignmentsAsync(customer.Id, products, context.RequestAborted);
            return Results.Ok(new
            {
                items = assignments.Select(a => new { productId = a.ProductId, productName = a.ProductName, displayName = a.DisplayName, email = a.Email, assignedAt = a.AssignedAt }),
            });
        }));

        api.MapPost("/licenses/assignments", (HttpContext context, LicenseAssignmentBody body, IMediator mediator) => InWorkspaceAsync(context, async customer =>
        {
            await mediator.Send(new AssignLicenseCommand(customer.Id, body.ProductId ?? string.Empty, body.Email ?? string.Empty, customer.UserName), context.RequestAborted);
            return Results.NoContent();
        }));

        api.MapPost("/licenses/unassignments", (HttpContext context, LicenseAssignmentBody body, IMediator mediator) => InWorkspaceAsync(context, async customer =>
        {
            await mediator.Send(new UnassignLicenseCommand(customer.Id, body.ProductId ?? string.Empty, body.Email ?? string.Empty, customer.UserName), context.RequestAborted);
            return Results.NoContent();
        }));

        api.MapGet("/users", (HttpContext context, CustomerLicenseBook book, string? after) => InWorkspaceAsync(context, async customer =>
        {
            const int size = 100;
            var page = await book.UsersAsync(customer.Id, after, size + 1, context.RequestAborted);
            var items = page.Take(size).ToList();
            return Results.Ok(new
            {
                items = items.Select(u => new { id = u.Id, displayName = u.DisplayName, email = u.Email }),
                after = page.Count > size ? items[^1].Email : null,
            });
        }));

        api.MapPost("/users", (HttpContext context, CustomerUserBody body, IMediator mediator) => InWorkspaceAsync(context, async customer =>
        {
            var id = await mediator.Send(new AddCustomerUserCommand(customer.Id, body.DisplayName ?? string.Empty, body.Email ?? string.Empty, customer.UserName), context.RequestAborted);
            return Results.Created(new Uri(CustomerWorkspaceAuthentication.ApiPrefix + "/users", UriKind.Relative), new { id });
        }));
        return endpoints;
    }

    /// <summary>Runs the call in the signed-in customer's tenant scope; a refusal answers problem details with its code, in the caller's language.</summary>
    private static async Task<IResult> InWorkspaceAsync(HttpContext context, Func<WorkspaceCustomer, Task<IResult>> work)
    {
        var session = context.RequestServices.GetRequiredService<CustomerWorkspaceSession>();
        if (await session.CurrentAsync(context.RequestAborted) is not { } customer)
        {
            return Results.Unauthorized();
        }

        try
        {
            using (session.Enter(customer))
            {
                return await work(customer);
            }
        }
        catch (Exception ex) when (Refusals.StatusOf(ex) is { } status)
        {
            var texts = context.RequestServices.GetService<RefusalTexts>();
            var module = typeof(CustomerWorkspaceApi).Assembly;
            var (code, detail) = ex switch
            {
                DomainRuleException rule => (rule.Code, texts?.Describe(module, rule) ?? rule.Message),
                RequestValidationException invalid => ("invalid_input", string.Join(" ", invalid.Failures.Select(f => texts?.Describe(module, f) ?? f.Message))),
                _ => ("refused", ex.Message),
            };
            return Results.Problem(statusCode: status, title: detail, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });
        }
    }
}
