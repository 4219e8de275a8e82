using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Validation.Resources;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// The tenant's validation cases as CSV (<c>/{tenant}/validation/export.csv</c>, issue 16) in the page's order, with
/// the page's visibility (a reseller user gets only its organisation's cases, R-VAL-6). Rows are read by key in batches
/// and streamed through the one CSV writer (constant memory); header and words are in the reader's language.
/// </summary>
internal static class OwnCasesCsv
{
    private const int BatchSize = 500;

    public static IEndpointRouteBuilder MapOwnCasesExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/validation/export.csv", ExportAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ExportAsync(HttpContext context, IMediator mediator, TimeProvider clock, IStringLocalizer<ValidationResource> v, string? sort)
    {
        if (context.GetTenant() is not { } tenant)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The page's order (?sort=-submitted, the default, or submitted); any other value is refused, as on the page.
        if (sort is not null && sort != OwnCaseSorts.Submitted && sort != OwnCaseSorts.Default)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var cancellationToken = context.RequestAborted;
        var first = new ListOwnValidationCasesQuery(tenant.Id, null, BatchSize, Oldest: sort == OwnCaseSorts.Submitted);
        string[] columns =
        [
            v["Case_Kind"].Value, v["Case_Subject"].Value, v["Case_State"].Value, v["Case_Due"].Value, v["Overdue"].Value,
            v["Case_SubmittedBy"].Value, v["Case_SubmittedAt"].Value,
        ];
        await CsvExport.RespondAsync(
            context, "validation", tenant.Identifier, clock.GetUtcNow(), columns,
            CsvExport.InBatchesAsync(first, BatchSize, (query, ct) => mediator.Send(query, ct), (query, last) => query with { After = new OwnCaseCursor(last.Id) }, cancellationToken),
            c => Row(c, v));
    }

    private static IEnumerable<string?> Row(ValidationCaseSummary c, IStringLocalizer<ValidationResource> v) =>
    [
        v["Kind_" + c.Kind].Value,
        c.Kind == "Customer" ? $"{c.CustomerLegalName} ({c.CustomerDomain})" : c.PartnerName,
        v["State_" + c.State].Value,
        c.DueAt is { } at ? CsvExport.Utc(at) : null,
        c.Overdue ? v["Overdue"].Value : null,
        c.SubmittedByName,
        CsvExport.Utc(c.SubmittedAt),
    ];
}
