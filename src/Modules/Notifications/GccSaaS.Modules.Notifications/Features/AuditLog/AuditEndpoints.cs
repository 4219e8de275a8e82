using System.Globalization;
using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.AuditLog;

/// <summary>
/// The audit log's HTTP surface besides its page: <c>GET /v1/auditrecords</c> (Partner Center's name,
/// <c>startDate</c>, <c>endDate</c>, <c>size</c>, continuation token) and the portal's streamed CSV
/// export <c>/{tenant}/audit/export.csv</c> with the page's filters. Both need <c>CanReadAuditLog</c>.
/// </summary>
internal static class AuditEndpoints
{
    public const string PagingResource = "auditrecords";

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPartnerCenterApi().MapGet("/auditrecords", ListAsync)
            .RequireAuthorization(NotificationsPolicies.CanReadAuditLog)
            .WithTags("Audit")
            .WithName("ListAuditRecords");
        app.MapGet("/{tenant}/audit/export.csv", ExportAsync)
            .RequireAuthorization(NotificationsPolicies.CanReadAuditLog)
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IMediator mediator, ContinuationTokens tokens, string? startDate, string? endDate, string? size, CancellationToken cancellationToken)
    {
        if (context.GetTenant() is null)
        {
            return Results.NotFound();
        }

        var pageSize = ContinuationTokens.ReadSize(size);
        ListState state;
        if (ContinuationTokens.Read(context.Request) is { } token)
        {
            state = tokens.Unprotect<ListState>(PagingResource, token);
        }
        else
        {
            var from = ParseDate("startDate", startDate, endOfRange: false);
            var until = ParseDate("endDate", endDate, endOfRange: true);
            if (from is not null && until is not null && from >= until)
            {
                throw new RequestValidationException([new ValidationFailure("endDate", "invalid_range", "endDate must be after startDate.")]);
            }

            state = new ListState(from, until, null, null);
        }

        var after = state.At is { } at && state.Id is { } id ? new PageCursor(at, id) : null;
        var page = await mediator.Send(new GetAuditEntriesQuery(new AuditFilter(From: state.From, Until: state.Until), pageSize, after), cancellationToken);
        var next = page.Next is { } cursor ? tokens.Protect(PagingResource, state with { At = cursor.At, Id = cursor.Id }) : null;
        return Results.Ok(ContinuationTokens.Collection(page.Items.Select(ToResource).ToList(), "/v1/auditrecords", pageSize, next));
    }

    private static async Task ExportAsync(HttpContext context, NotificationsDbContext db, TimeProvider clock, string? user, string? action, string? from, string? to)
    {
        if (context.GetTenant() is not { } tenant)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var filter = PortalFilter(user, action, from, to);
        var entries = AuditFilter.Project(filter.Apply(db.Set<AuditEntry>().AsNoTracking())).AsAsyncEnumerable();
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"audit-{tenant.Identifier}-{clock.GetUtcNow().ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await AuditCsv.WriteAsync(context.Response.Body, entries, context.RequestAborted);
    }

    /// <summary>
    /// The portal's filters: dates are whole UTC days (<c>yyyy-MM-dd</c>), <paramref name="to"/> included.
    /// A date that does not parse is ignored, as the page shows it.
    /// </summary>
    public static AuditFilter PortalFilter(string? user, string? action, string? from, string? to)
    {
        static DateOnly? Day(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

        return new AuditFilter(
            string.IsNullOrWhiteSpace(user) ? null : user,
            string.IsNullOrWhiteSpace(action) ? null : action,
            Day(from) is { } f ? new DateTimeOffset(f.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            Day(to) is { } t ? new DateTimeOffset(t.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null);
    }

    /// <summary>
    /// An ISO 8601 date or date-time (UTC unless an offset is given). A date alone means the whole day:
    /// the start of it for <c>startDate</c>, through its end for <c>endDate</c>.
    /// </summary>
    private static DateTimeOffset? ParseDate(string field, string? text, bool endOfRange)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfRange ? start.AddDays(1) : start;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
        {
            // endDate is inclusive; the query's upper bound is exclusive.
            return endOfRange ? moment.AddTicks(1) : moment;
        }

        throw new RequestValidationException([new ValidationFailure(field, "invalid_date", $"{field} must be an ISO 8601 date or date-time.")]);
    }

    private static object ToResource(AuditItem e) => new
    {
        id = e.Id,
        operationDate = e.OccurredAt,
        operationType = e.Action,
        operationStatus = "Succeeded",
        module = e.Module,
        userId = e.UserId,
        userPrincipalName = e.Actor,
        applicationId = e.ApiKeyId,
        originalCorrelationId = e.CorrelationId,
        resourceNewValue = e.Details,
        attributes = new { objectType = "AuditRecord" },
    };

    /// <summary>What a continuation token carries: the first request's range and the keyset position.</summary>
    private sealed record ListState(DateTimeOffset? From, DateTimeOffset? Until, DateTimeOffset? At, Guid? Id);
}
