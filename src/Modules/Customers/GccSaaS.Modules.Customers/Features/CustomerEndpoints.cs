using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Features.AddCustomer;
using GccSaaS.Modules.Customers.Features.CustomerList;

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
        string? filter,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        RefuseUnknownParameters(context.Request.Query);
        if (qualification is not null && qualification is not (CustomerQualifications.GovernmentCommunityCloud or "None"))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input", "qualification must be GovernmentCommunityCloud or None.",
                new[] { new { field = "qualification", code = "invalid" } });
        }

        // resellerId and the IndirectReseller filter are the reseller's tenant ID, as everywhere on /v1.
        var parsed = CustomerListFilter.Parse(filter);
        if (resellerId is not null && parsed.ResellerTenantId is not null && resellerId != parsed.ResellerTenantId)
        {
            return Results.Ok(new ResourceCollection<CustomerResource>([], new CollectionLinks(null)));
        }

        var reseller = await ResellerOrganisationAsync(mediator, resellerId ?? parsed.ResellerTenantId, cancellationToken);
        if (reseller == Guid.Empty)
        {
            return Results.Ok(new ResourceCollection<CustomerResource>([], new CollectionLinks(null))); // no such reseller: no customers
        }

        var rows = await mediator.Send(
            new ListCustomersQuery(tenant.Id, search, reseller, qualification, page.After, page.Take, parsed.CompanyNamePrefix, parsed.DomainPrefix),
            cancellationToken);
        var collection = page.ToCollection(rows, r => new CustomerCursor(r.SortName, r.CustomerTenantId));
        var tenantIds = await ResellerTenantIds.TenantIdsAsync(mediator, collection.Items.Select(r => r.ResellerOrganisationId), cancellationToken);
        return Results.Ok(new ResourceCollection<CustomerResource>(
            [.. collection.Items.Select(r => CustomerResource.From(r, tenantIds.Lookup(r.ResellerOrganisationId)))], collection.Links));
    }

    /// <summary>The query parameters <c>GET /v1/customers</c> reads; any other is refused, never ignored.</summary>
    private static readonly HashSet<string> ListParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "size", "continuationToken", "seekOperation", CustomerListFilter.Parameter, "search", "resellerId", "qualification",
    };

    private static void RefuseUnknownParameters(IQueryCollection query)
    {
        foreach (var key in query.Keys)
        {
            if (!ListParameters.Contains(key))
            {
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input",
                    $"GET /v1/customers has no parameter {key}; it takes size, filter, search, resellerId and qualification.",
                    new[] { new { field = key, code = "unknown_parameter" } });
            }
        }
    }

    /// <summary>The organisation id of the reseller with this tenant ID; <see cref="Guid.Empty"/> when the directory has none.</summary>
    private static async Task<Guid?> ResellerOrganisationAsync(IMediator mediator, Guid? resellerTenantId, CancellationToken cancellationToken)
    {
        if (resellerTenantId is not { } tenantId)
        {
            return null;
        }

        var organisation = await mediator.Send(new Partners.Contracts.GetPartnerOrganisationByTenantIdQuery(tenantId), cancellationToken);
        return organisation?.Id ?? Guid.Empty;
    }

    private static async Task<IResult> GetAsync(HttpContext context, Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        var tenant = context.GetTenant();
        if (tenant is null)
        {
            return Results.NotFound();
        }

        var details = await mediator.Send(new GetCustomerQuery(tenant.Id, id), cancellationToken) ?? throw CustomerScope.NotFound(id);
        return Results.Ok(CustomerResource.From(details, await ResellerTenantIds.TenantIdAsync(mediator, details.Customer.ResellerOrganisationId, cancellationToken)));
    }
}
