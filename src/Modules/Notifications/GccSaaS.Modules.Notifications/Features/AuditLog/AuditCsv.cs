using System.Globalization;
using System.Text;

namespace GccSaaS.Modules.Notifications.Features.AuditLog;

/// <summary>
/// The audit log as CSV (RFC 4180), written row by row. Column names are stable English keys, since
/// the file is read by programs as much as by people. A cell that a spreadsheet would run as a formula
/// (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) gets a leading
/// apostrophe (OWASP's advice against CSV injection).
/// </summary>
internal static class AuditCsv
{
    public static readonly IReadOnlyList<string> Columns =
        ["occurredAt", "actor", "userId", "apiKeyId", "action", "module", "correlationId", "details"];

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<AuditItem> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(entries);
        // A BOM, so spreadsheet programs read the names in UTF-8.
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(',', Columns.Select(Cell)));
        var rows = 0;
        await foreach (var e in entries.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', Row(e).Select(Cell)));
            if (++rows % 200 == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

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

    /// <summary>One cell: neutralised against formulas, then quoted when it holds a separator, quote or line break.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
