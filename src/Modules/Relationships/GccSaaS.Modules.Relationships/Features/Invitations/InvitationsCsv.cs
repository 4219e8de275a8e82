using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Relationships.Resources;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// The tenant's invitations as CSV (<c>/{tenant}/invitations/export.csv</c>, issue 16) in the page's order, with the
/// page's visibility (a reseller user gets only the invitations it sent, R-REL-7). Rows are read by key in batches and
/// streamed through the one CSV writer (constant memory); header and words are in the reader's language. Invitation
/// links are never exported: they exist only as hashes.
/// </summary>
internal static class InvitationsCsv
{
    private const int BatchSize = 500;

    public static IEndpointRouteBuilder MapInvitationsExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{tenant}/invitations/export.csv", ExportAsync)
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task ExportAsync(HttpContext context, IMediator mediator, TimeProvider clock, IStringLocalizer<RelationshipsResource> l, string? sort)
    {
        if (context.GetTenant() is not { } tenant)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        // The page's order (?sort=-sent, the default, or sent); any other value is refused, as on the page.
        if (sort is not null && sort != InvitationSorts.Sent && sort != "-" + InvitationSorts.Sent)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var cancellationToken = context.RequestAborted;
        var first = new ListInvitationsQuery(false, null, null, BatchSize, Reverse: sort == InvitationSorts.Sent);
        string[] columns =
        [
            l["Invitations_Kind"].Value, l["Invitations_To"].Value, l["Invitations_Status"].Value, l["Invitations_SentBy"].Value,
            l["Invitations_Sent"].Value, l["Invitations_Expires"].Value,
        ];
        await CsvExport.RespondAsync(
            context, "invitations", tenant.Identifier, clock.GetUtcNow(), columns,
            CsvExport.InBatchesAsync(first, BatchSize, (query, ct) => mediator.Send(query, ct), (query, last) => query with { After = last.Cursor }, cancellationToken),
            i => Row(i, l));
    }

    private static IEnumerable<string?> Row(InvitationRow i, IStringLocalizer<RelationshipsResource> l) =>
    [
        l["Kind_" + i.Kind].Value,
        i.InvitedEmail ?? l["Invitations_NoAddress"].Value,
        l["Status_" + i.Status].Value,
        i.SentBy,
        CsvExport.Utc(i.CreatedAt),
        CsvExport.Utc(i.ExpiresAt),
    ];
}
