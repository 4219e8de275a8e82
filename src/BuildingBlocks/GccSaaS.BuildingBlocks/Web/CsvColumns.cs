using System.Collections;
using Microsoft.Extensions.Localization;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// An export's columns, declared once in order: a header and how a row gives its cell. With a localizer the header is a
/// resource key shown in the reader's language; without one it is the header itself (a stable key for programs).
/// Written as a collection initializer: <c>new CsvColumns&lt;Row&gt;(l) { { "Header_Key", r =&gt; r.Value }, … }</c>.
/// </summary>
public sealed class CsvColumns<TRow>(IStringLocalizer? headers = null) : IEnumerable<string>
{
    private readonly List<(string Header, Func<TRow, string?> Cell)> columns = [];

    public IReadOnlyList<string> Headers => [.. columns.Select(c => c.Header)];

    /// <summary>
    /// Runs before each batch's rows are written, for cells that need a lookup (e.g. names another module owns): one
    /// query per batch for the ids the batch holds, never one per row and never the whole table up front.
    /// </summary>
    public Func<IReadOnlyList<TRow>, CancellationToken, Task>? BeforeBatch { get; set; }

    public void Add(string header, Func<TRow, string?> cell)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(cell);
        columns.Add((headers is null ? header : headers[header].Value, cell));
    }

    /// <summary>The row's cells, in the columns' order.</summary>
    public IEnumerable<string?> Cells(TRow row) => columns.Select(c => c.Cell(row));

    public IEnumerator<string> GetEnumerator() => columns.Select(c => c.Header).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
