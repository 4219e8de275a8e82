using System.Globalization;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Relationships.Resources;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// The Indirect resellers list as CSV (<c>/{tenant}/resellers/export.csv</c>, issue 16), with the page's search and
/// sort (R-REL-2). Rows are read by key in batches and streamed through the one CSV writer, so any number of
/// resellers exports in constant memory; the header row is in the reader's language.
/// </summary>
internal static class ResellersCsv
{
    private const int BatchSize = 500;

    public static IEndpointRouteBuilder MapResellersExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/resellers/export.csv", ExportAsync)
            .RequireAuthorization(GccSaaSPolicies.ProviderUser)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ExportAsync(
        HttpContext context, IMediator mediator, TimeProvider clock, IStringLocalizer<RelationshipsResource> l, string? q, string? sort)
    {
        if (context.GetTenant() is not { } tenant)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The page's sort (?sort=name, -name, since, -since); any other value is refused, as on the page.
        var descending = sort?.StartsWith('-') == true;
        var sortKey = sort is null ? ResellerSorts.Name : sort[(descending ? 1 : 0)..];
        if (!ResellerSorts.All.Contains(sortKey))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var cancellationToken = context.RequestAborted;
        var first = new ListIndirectResellersQuery(string.IsNullOrWhiteSpace(q) ? null : q, null, BatchSize, sortKey, descending);
        string[] columns =
        [
            l["Resellers_Name"].Value, l["Resellers_PartnerId"].Value, l["Resellers_TenantId"].Value, l["Resellers_Since"].Value,
            l["Resellers_Customers"].Value,
        ];
        await CsvExport.RespondAsync(
            context, "resellers", tenant.Identifier, clock.GetUtcNow(), columns,
            CsvExport.InBatchesAsync(first, BatchSize, (query, ct) => mediator.Send(query, ct), (query, last) => query with { After = last.Cursor }, cancellationToken),
            Row);
    }

    private static IEnumerable<string?> Row(IndirectResellerRow r) =>
    [
        r.Name, r.PartnerId, r.ResellerTenantId?.ToString("D"),
        CsvExport.Utc(r.Since),
        r.CustomerCount.ToString(CultureInfo.InvariantCulture),
    ];
}
