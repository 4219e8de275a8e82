using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Features.AddCustomer;
using GccSaaS.Modules.Customers.Features.CustomerList;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// <c>/v1/customers</c> and <c>/v1/domains/{domain}</c> (R-CUS-1..3, R-PC-4, R-PC-5): add a customer (mapped by
/// <see cref="AddCustomerEndpoint"/>), check a domain, list, search and read customers. A reseller caller sees only its
/// own organisation's customers.
/// </summary>
internal static class CustomerEndpoints
{
    public static RouteGroupBuilder MapCustomerEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapAddCustomer();
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
