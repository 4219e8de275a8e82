using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>How many rows one keyset query of an export reads.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// The portal's export of a list, <c>/{tenant}/{list}/export.csv</c>: a column list and a keyset batch query are
    /// all an export declares. <paramref name="first"/> builds the first batch's query from the request (the page's
    /// search, filters and order), or null for a value the page would refuse (400); <paramref name="next"/> the query
    /// after a batch's last row. The rows stream batch after batch (constant memory), as a download named after the
    /// list. The caller adds the authorization policy.
    /// </summary>
    public static RouteHandlerBuilder MapCsvExport<TQuery, TRow>(
        this IEndpointRouteBuilder app, string list, Func<CsvExportRequest, TQuery?> first, Func<TQuery, TRow, TQuery> next,
        Func<CsvExportRequest, CsvColumns<TRow>> columns)
        where TQuery : class, IRequest<IReadOnlyList<TRow>>
    {
        ArgumentNullException.ThrowIfNull(columns);
        return app.MapCsvExport(list, first, next, (request, _) => Task.FromResult(columns(request)));
    }

    /// <inheritdoc cref="MapCsvExport{TQuery, TRow}(IEndpointRouteBuilder, string, Func{CsvExportRequest, TQuery}, Func{TQuery, TRow, TQuery}, Func{CsvExportRequest, CsvColumns{TRow}})"/>
    public static RouteHandlerBuilder MapCsvExport<TQuery, TRow>(
        this IEndpointRouteBuilder app, string list, Func<CsvExportRequest, TQuery?> first, Func<TQuery, TRow, TQuery> next,
        Func<CsvExportRequest, CancellationToken, Task<CsvColumns<TRow>>> columns)
        where TQuery : class, IRequest<IReadOnlyList<TRow>>
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(columns);
        return app.MapGet($"/{{tenant}}/{list}/export.csv", async (HttpContext context, IMediator mediator, TimeProvider clock) =>
        {
            if (context.GetTenant() is not { } tenant)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var request = new CsvExportRequest(context, tenant);
            if (first(request) is not { } query)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var cancellationToken = context.RequestAborted;
            var header = await columns(request, cancellationToken);
            await RespondAsync(
                context, list, tenant.Identifier, clock.GetUtcNow(), header.Headers,
                InBatchesAsync(query, BatchSize, async (q, ct) =>
                {
                    var batch = await mediator.Send(q, ct);
                    if (header.BeforeBatch is { } prepare)
                    {
                        await prepare(batch, ct);
                    }

                    return batch;
                }, next, cancellationToken), header.Cells);
        }).ExcludeFromDescription();
    }

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

/// <summary>What an export's query and columns are built from: the request and its tenant.</summary>
public sealed class CsvExportRequest(HttpContext http, TenantInfo tenant)
{
    public HttpContext Http { get; } = http;

    public TenantInfo Tenant { get; } = tenant;

    /// <summary>How many rows the query reads at a time.</summary>
    public int Take { get; } = CsvExport.BatchSize;

    /// <summary>A query-string value as the page reads it: trimmed, null when absent or blank.</summary>
    public string? Text(string name) => Http.Request.Query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public T Service<T>()
        where T : notnull => Http.RequestServices.GetRequiredService<T>();

    /// <summary>
    /// The page's <c>?sort=key</c> or <c>?sort=-key</c> (descending), <paramref name="fallback"/> ascending without one;
    /// false for a key the page does not sort by.
    /// </summary>
    public bool TrySort(IReadOnlyCollection<string> keys, string fallback, out string key, out bool descending)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sort = Http.Request.Query["sort"].ToString();
        descending = sort.StartsWith('-');
        key = sort.Length == 0 ? fallback : sort[(descending ? 1 : 0)..];
        return keys.Contains(key);
    }
}
