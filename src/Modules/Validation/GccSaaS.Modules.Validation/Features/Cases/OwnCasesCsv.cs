using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.Modules.Validation.Features.Cases;

/// <summary>
/// The tenant's validation cases as CSV (<c>/{tenant}/validation/export.csv</c>, issue 16) in the page's order, with
/// the page's visibility (a reseller user gets only its organisation's cases, R-VAL-6), through the one export
/// mechanism (<see cref="CsvExport"/>); header and words are in the reader's language.
/// </summary>
internal static class OwnCasesCsv
{
    public static IEndpointRouteBuilder MapOwnCasesExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport<ListOwnValidationCasesQuery, ValidationCaseSummary>("validation", First, (query, last) => query with { After = new OwnCaseCursor(last.Id) }, Columns)
            .RequireAuthorization(GccSaaSPolicies.TenantMember);
        return app;
    }

    /// <summary>The page's order (?sort=-submitted, the default, or submitted); any other value is refused, as on the page.</summary>
    private static ListOwnValidationCasesQuery? First(CsvExportRequest request) =>
        request.Text("sort") is var sort && (sort is null || sort == OwnCaseSorts.Submitted || sort == OwnCaseSorts.Default)
            ? new ListOwnValidationCasesQuery(request.Tenant.Id, null, request.Take, Oldest: sort == OwnCaseSorts.Submitted)
            : null;

    private static CsvColumns<ValidationCaseSummary> Columns(CsvExportRequest request)
    {
        var v = request.Service<IStringLocalizer<ValidationResource>>();
        return new(v)
        {
            { "Case_Kind", c => v["Kind_" + c.Kind].Value },
            { "Case_Subject", c => c.Kind == "Customer" ? $"{c.CustomerLegalName} ({c.CustomerDomain})" : c.PartnerName },
            { "Case_State", c => v["State_" + c.State].Value },
            { "Case_Due", c => c.DueAt is { } at ? CsvExport.Utc(at) : null },
            { "Overdue", c => c.Overdue ? v["Overdue"].Value : null },
            { "Case_SubmittedBy", c => c.SubmittedByName },
            { "Case_SubmittedAt", c => CsvExport.Utc(c.SubmittedAt) },
        };
    }
}
