using System.Text;

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
