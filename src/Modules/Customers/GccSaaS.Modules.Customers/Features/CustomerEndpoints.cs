using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Features.AddCustomer;
using GccSaaS.Modules.Customers.Features.CustomerList;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// <c>/v1/customers</c> and <c>/v1/domains/{domain}</c> (R-CUS-1..3, R-PC-4, R-PC-5): add a customer, check a
/// domain, list, search and read customers. A reseller caller sees only its own organisation's customers.
/// </summary>
internal static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/customers", CreateAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithMetadata(OneTimeSecretResponseMetadata.Instance)
            .WithName("CreateCustomer")
            .WithSummary("R-CUS-1, R-CUS-2: adds a customer; userCredentials.password is in this answer only.");
        v1.MapMethods("/domains/{domain}", [HttpMethods.Head], DomainAsync)
            .RequireAuthorization(CustomersPolicies.CanManageCustomers)
            .WithName("CheckDomainAvailability")
            .WithSummary("R-PC-5: 200 when the domain is taken, 404 when it is free.");
        v1.MapGet("/customers", ListAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("ListCustomers");
        v1.MapGet("/customers/{id:guid}", GetAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .WithName("GetCustomer");
        return v1;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, CreateCustomerRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var requestId = ApiRequestId.Get(context)?.Value ?? Guid.CreateVersion7();
        var billing = body.BillingProfile;
        var address = billing?.DefaultAddress;
        var created = await mediator.Send(
            new CreateCustomerCommand(
                tenant.Id,
                requestId,
                billing?.CompanyName ?? string.Empty,
                body.CompanyProfile?.Domain ?? string.Empty,
                address?.AddressLine1 ?? string.Empty,
                address?.AddressLine2,
                address?.City ?? string.Empty,
                address?.State,
                address?.PostalCode ?? string.Empty,
                address?.Country ?? string.Empty,
                address?.FirstName ?? string.Empty,
                address?.LastName ?? string.Empty,
                billing?.Email ?? string.Empty,
                address?.PhoneNumber,
                billing?.Culture ?? string.Empty,
                billing?.Language ?? string.Empty,
                string.IsNullOrWhiteSpace(body.Qualification) || body.Qualification == "None" ? null : body.Qualification,
                body.ValidationCode,
                body.AssociatedPartnerId),
            cancellationToken);
        var details = await mediator.Send(new GetCustomerQuery(tenant.Id, created.CustomerTenantId), cancellationToken)
            ?? throw new InvalidOperationException("The customer just created is not visible.");

        // R-CUS-2: the password is in this answer only; OneTimeSecretResponseMetadata makes it Cache-Control: no-store.
        if (created.Replayed)
        {
            context.Response.Headers[ApiHeaders.IdempotentReplay] = "true";
        }

        return Results.Created(
            $"/v1/customers/{created.CustomerTenantId}",
            CustomerResource.From(details, new UserCredentialsResource(created.UserName, created.TemporaryPassword)));
    }

    private static async Task<IResult> DomainAsync(string domain, IMediator mediator, CancellationToken cancellationToken) =>
        await mediator.Send(new IsDomainTakenQuery(domain), cancellationToken) ? Results.Ok() : Results.NotFound();

    private static async Task<IResult> ListAsync(
        HttpContext context,
        ContinuationPage<CustomerCursor> page,
        string? search,
        Guid? resellerId,
        string? qualification,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var rows = await mediator.Send(new ListCustomersQuery(tenant.Id, search, resellerId, qualification, page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new CustomerCursor(r.SortName, r.CustomerTenantId));
        return Results.Ok(new ResourceCollection<CustomerResource>([.. collection.Items.Select(CustomerResource.From)], collection.Links));
    }

    private static async Task<IResult> GetAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var details = await mediator.Send(new GetCustomerQuery(tenant.Id, id), cancellationToken) ?? throw CustomerScope.NotFound(id);
        return Results.Ok(CustomerResource.From(details));
    }
}
