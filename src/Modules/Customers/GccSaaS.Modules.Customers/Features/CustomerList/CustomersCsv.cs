using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The Customers page's list as CSV (<c>/{tenant}/customers/export.csv</c>, issue 16), with the page's search and
/// filters and the same visibility (a reseller user gets only its organisation's customers, R-CUS-3). Rows are read by
/// key in batches and streamed through the one CSV writer, so any number of customers exports in constant memory.
/// </summary>
internal static class CustomersCsv
{
    private const int BatchSize = 500;

    private static readonly string[] Columns =
        ["customerId", "companyName", "domain", "resellerId", "resellerName", "gccQualification", "createdAt"];

    public static IEndpointRouteBuilder MapCustomersExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/customers/export.csv", ExportAsync)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ExportAsync(
        HttpContext context, IMediator mediator, CustomerScope scope, TimeProvider clock, string? q, Guid? reseller, string? qualification, string? sort)
    {
        // The page's sort (?sort=name, -name, created, -created); any other value is refused, as on the page.
        var descending = sort?.StartsWith('-') == true;
        var sortKey = sort is null ? CustomerSorts.Name : sort[(descending ? 1 : 0)..];
        if (!CustomerSorts.All.Contains(sortKey))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (context.GetTenant() is not { } tenant)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var cancellationToken = context.RequestAborted;
        var partnerships = await mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, 200), cancellationToken);
        var names = partnerships.ToDictionary(p => p.ResellerOrganisationId, p => p.ResellerName);
        // The page's filters: a value the page would not offer is left out, as the page shows the list without it.
        var filter = new ListCustomersQuery(
            tenant.Id,
            string.IsNullOrWhiteSpace(q) ? null : q,
            scope.IsReseller ? null : reseller,
            qualification is "GovernmentCommunityCloud" or "None" ? qualification : null,
            After: null,
            Take: BatchSize,
            Sort: sortKey,
            Descending: descending);

        await CsvExport.RespondAsync(
            context, "customers", tenant.Identifier, clock.GetUtcNow(), Columns,
            CsvExport.InBatchesAsync(filter, BatchSize, (query, ct) => mediator.Send(query, ct), (query, last) => query with { After = new CustomerCursor(last.SortName, last.CustomerTenantId, last.CreatedAt) }, cancellationToken),
            r => Row(r, names));
    }

    private static IEnumerable<string?> Row(CustomerRow r, Dictionary<Guid, string> resellers) =>
    [
        r.CustomerTenantId.ToString("D"), r.CompanyName, r.Domain, r.ResellerOrganisationId?.ToString("D"),
        r.ResellerOrganisationId is { } id && resellers.TryGetValue(id, out var name) ? name : null,
        r.GccStatus, CsvExport.Utc(r.CreatedAt),
    ];
}
