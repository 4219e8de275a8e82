using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The one way a list becomes a CSV file (RFC 4180), for every export of every module: written row by row as the rows
/// arrive (constant memory), UTF-8 with a BOM so spreadsheet programs read it, CRLF lines. A cell that a spreadsheet
/// would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) gets a
/// leading apostrophe (OWASP's advice against CSV injection).
/// </summary>
public static class CsvExport
{
    private const int FlushEvery = 200;

    public static async Task WriteAsync<T>(
        Stream output, IReadOnlyList<string> columns, IAsyncEnumerable<T> rows, Func<T, IEnumerable<string?>> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        writer.NewLine = "\r\n";
        await writer.WriteLineAsync(string.Join(',', columns.Select(Cell)));
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', cells(row).Select(Cell)));
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Answers the request with the rows as a download named <c>{fileStem}-{tenant}-{yyyyMMdd-HHmm}.csv</c>, never
    /// cached (an export is one tenant's data).
    /// </summary>
    public static Task RespondAsync<T>(
        HttpContext context, string fileStem, string tenant, DateTimeOffset now, IReadOnlyList<string> columns, IAsyncEnumerable<T> rows,
        Func<T, IEnumerable<string?>> cells)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition =
            $"attachment; filename=\"{fileStem}-{tenant}-{now.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        return WriteAsync(context.Response.Body, columns, rows, cells, context.RequestAborted);
    }

    /// <summary>
    /// A keyset-paged list read batch after batch (<paramref name="first"/>, then <paramref name="next"/> after each
    /// batch's last row) until a batch comes back shorter than <paramref name="take"/>: any length in constant memory.
    /// </summary>
    public static async IAsyncEnumerable<TRow> InBatchesAsync<TQuery, TRow>(
        TQuery first, int take, Func<TQuery, CancellationToken, Task<IReadOnlyList<TRow>>> read, Func<TQuery, TRow, TQuery> next,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(next);
        var query = first;
        while (true)
        {
            var batch = await read(query, cancellationToken);
            foreach (var row in batch)
            {
                yield return row;
            }

            if (batch.Count < take)
            {
                yield break;
            }

            query = next(query, batch[^1]);
        }
    }

    /// <summary>An instant as every export writes it: UTC, ISO 8601, to the second.</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
