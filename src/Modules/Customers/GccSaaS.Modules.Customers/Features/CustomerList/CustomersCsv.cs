using GccSaaS.Modules.Customers.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The Customers page's list as CSV (<c>/{tenant}/customers/export.csv</c>, issue 16), with the page's search and
/// filters and the same visibility (a reseller user gets only its organisation's customers, R-CUS-3), through the one
/// export mechanism (<see cref="CsvExport"/>). Column names are stable English keys. Reseller names are read per batch,
/// for the resellers that batch's rows name.
/// </summary>
internal static class CustomersCsv
{
    public static IEndpointRouteBuilder MapCustomersExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport<ListCustomersQuery, CustomerRow>("customers", First, (query, last) => query with { After = new CustomerCursor(last.SortName, last.CustomerTenantId, last.CreatedAt) }, Columns)
            .RequireAuthorization(CustomersPolicies.CanWorkWithCustomers);
        return app;
    }

    /// <summary>The page's sort (name, created, either way) and filters; a filter value the page would not offer is left out, as the page shows the list without it.</summary>
    private static ListCustomersQuery? First(CsvExportRequest request)
    {
        if (!request.TrySort(CustomerSorts.All, CustomerSorts.Name, out var sortKey, out var descending))
        {
            return null;
        }

        var qualification = request.Text("qualification");
        return new ListCustomersQuery(
            request.Tenant.Id,
            request.Text("q"),
            !request.Service<CustomerScope>().IsReseller && Guid.TryParse(request.Text("reseller"), out var reseller) ? reseller : null,
            qualification is "GovernmentCommunityCloud" or "None" ? qualification : null,
            After: null,
            Take: request.Take,
            Sort: sortKey,
            Descending: descending);
    }

    private static CsvColumns<CustomerRow> Columns(CsvExportRequest request)
    {
        var mediator = request.Service<IMediator>();
        var resellers = new Dictionary<Guid, string>();
        var columns = new CsvColumns<CustomerRow>
        {
            { "customerId", r => r.CustomerTenantId.ToString("D") },
            { "companyName", r => r.CompanyName },
            { "domain", r => r.Domain },
            { "resellerId", r => r.ResellerOrganisationId?.ToString("D") },
            { "resellerName", r => r.ResellerOrganisationId is { } id && resellers.TryGetValue(id, out var name) ? name : null },
            { "gccQualification", r => r.GccStatus },
            { "createdAt", r => CsvExport.Utc(r.CreatedAt) },
        };
        columns.BeforeBatch = async (batch, cancellationToken) =>
            resellers = await ResellerNames.OfAsync(mediator, request.Tenant.Id, batch.Select(r => r.ResellerOrganisationId), cancellationToken);
        return columns;
    }
}
