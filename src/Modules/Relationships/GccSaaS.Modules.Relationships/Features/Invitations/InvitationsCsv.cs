using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// The tenant's invitations as CSV (<c>/{tenant}/invitations/export.csv</c>, issue 16) in the page's order, with the
/// page's visibility (a reseller user gets only the invitations it sent, R-REL-7), through the one export mechanism
/// (<see cref="CsvExport"/>); header and words are in the reader's language. Invitation links are never exported:
/// they exist only as hashes.
/// </summary>
internal static class InvitationsCsv
{
    public static IEndpointRouteBuilder MapInvitationsExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport<ListInvitationsQuery, InvitationRow>("invitations", First, (query, last) => query with { After = last.Cursor }, Columns)
            .RequireAuthorization(GccSaaSPolicies.TenantMember);
        return app;
    }

    /// <summary>The page's order (?sort=-sent, the default, or sent); any other value is refused, as on the page.</summary>
    private static ListInvitationsQuery? First(CsvExportRequest request) =>
        request.Text("sort") is var sort && (sort is null || sort == InvitationSorts.Sent || sort == "-" + InvitationSorts.Sent)
            ? new ListInvitationsQuery(false, null, null, request.Take, Reverse: sort == InvitationSorts.Sent)
            : null;

    private static CsvColumns<InvitationRow> Columns(CsvExportRequest request)
    {
        var l = request.Service<IStringLocalizer<RelationshipsResource>>();
        return new(l)
        {
            { "Invitations_Kind", i => l["Kind_" + i.Kind].Value },
            { "Invitations_To", i => i.InvitedEmail ?? l["Invitations_NoAddress"].Value },
            { "Invitations_Status", i => l["Status_" + i.Status].Value },
            { "Invitations_SentBy", i => i.SentBy },
            { "Invitations_Sent", i => CsvExport.Utc(i.CreatedAt) },
            { "Invitations_Expires", i => CsvExport.Utc(i.ExpiresAt) },
        };
    }
}
