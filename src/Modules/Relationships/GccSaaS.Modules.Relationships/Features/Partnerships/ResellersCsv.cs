using System.Globalization;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// The Indirect resellers list as CSV (<c>/{tenant}/resellers/export.csv</c>, issue 16), with the page's search and
/// sort (R-REL-2), through the one export mechanism (<see cref="CsvExport"/>); the header row is in the reader's language.
/// </summary>
internal static class ResellersCsv
{
    public static IEndpointRouteBuilder MapResellersExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport<ListIndirectResellersQuery, IndirectResellerRow>("resellers", First, (query, last) => query with { After = last.Cursor }, Columns)
            .RequireAuthorization(GccSaaSPolicies.ProviderUser);
        return app;
    }

    /// <summary>The page's search and sort (name, since, either way); any other sort is refused, as on the page.</summary>
    private static ListIndirectResellersQuery? First(CsvExportRequest request) =>
        request.TrySort(ResellerSorts.All, ResellerSorts.Name, out var sortKey, out var descending)
            ? new ListIndirectResellersQuery(request.Text("q"), null, request.Take, sortKey, descending)
            : null;

    private static CsvColumns<IndirectResellerRow> Columns(CsvExportRequest request) =>
        new(request.Service<IStringLocalizer<RelationshipsResource>>())
        {
            { "Resellers_Name", r => r.Name },
            { "Resellers_PartnerId", r => r.PartnerId },
            { "Resellers_TenantId", r => r.ResellerTenantId?.ToString("D") },
            { "Resellers_Since", r => CsvExport.Utc(r.Since) },
            { "Resellers_Customers", r => r.CustomerCount.ToString(CultureInfo.InvariantCulture) },
        };
}
