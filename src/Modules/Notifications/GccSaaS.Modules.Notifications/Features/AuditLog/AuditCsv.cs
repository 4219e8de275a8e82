using System.Globalization;

namespace GccSaaS.Modules.Notifications.Features.AuditLog;

/// <summary>
/// The audit log as CSV, through the one CSV writer (<see cref="CsvExport"/>). Column names are stable English keys,
/// since the file is read by programs as much as by people.
/// </summary>
internal static class AuditCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["occurredAt", "actor", "userId", "apiKeyId", "action", "module", "correlationId", "details"];

    public static Task WriteAsync(Stream output, IAsyncEnumerable<AuditItem> entries, CancellationToken cancellationToken) =>
        CsvExport.WriteAsync(output, Columns, entries, Row, cancellationToken);

    public static IEnumerable<string?> Row(AuditItem e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return
        [
            e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            e.Actor,
            e.UserId?.ToString("D"),
            e.ApiKeyId?.ToString("D"),
            e.Action,
            e.Module,
            e.CorrelationId,
            e.Details,
        ];
    }
}
