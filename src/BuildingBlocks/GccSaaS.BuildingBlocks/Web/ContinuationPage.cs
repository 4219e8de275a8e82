using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One page of a keyset-paged list, Partner Center style (R-PC-10): <c>?size=</c> (default 100, at most
/// 500) and, for the pages after the first, the token from the previous page's <c>links.next</c> in the
/// <c>MS-ContinuationToken</c> header (or <c>?continuationToken=</c>) with <c>seekOperation=Next</c>.
/// Take it as an endpoint parameter; query <see cref="Take"/> rows after <see cref="After"/> in key order,
/// and answer with <see cref="ToCollection{TItem}"/>:
/// <code>
/// v1.MapGet("/auditrecords", async (ContinuationPage&lt;AuditCursor&gt; page, IMediator mediator, CancellationToken ct) =&gt;
///     page.ToCollection(await mediator.Send(new GetAuditRecordsQuery(page.After, page.Take), ct), r =&gt; new AuditCursor(r.At, r.Id)));
/// </code>
/// A token is bound to the tenant, the path and the other query parameters (the filter) it was issued
/// for; anything else, or a tampered token, is refused with 400 <c>invalid_continuation_token</c>.
/// </summary>
/// <typeparam name="TKey">The keyset values of the last row of a page (a small record), carried in the token.</typeparam>
public sealed class ContinuationPage<TKey> : IEndpointParameterMetadataProvider
    where TKey : class
{
    public const int DefaultSize = 100;

    public const int MaxSize = 500;

    private readonly string _path;
    private readonly string _scope;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _filter;
    private readonly ContinuationTokenCodec _codec;

    private ContinuationPage(int size, TKey? after, string path, string scope, IReadOnlyList<KeyValuePair<string, string>> filter, ContinuationTokenCodec codec)
    {
        Size = size;
        After = after;
        _path = path;
        _scope = scope;
        _filter = filter;
        _codec = codec;
    }

    /// <summary>How many items the page holds at most.</summary>
    public int Size { get; }

    /// <summary>The key of the previous page's last row; null on the first page.</summary>
    public TKey? After { get; }

    /// <summary>Rows to read: one more than the page, so a next page is announced only when one exists.</summary>
    public int Take => Size + 1;

    /// <summary>Minimal API binding: reads the page from the request (throws <see cref="ApiProblemException"/> on bad input).</summary>
#pragma warning disable CA1000 // the framework looks for BindAsync on the parameter type itself
    public static ValueTask<ContinuationPage<TKey>?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<ContinuationPage<TKey>?>(Read(context));

    /// <summary>Documents the paging parameters and headers of the endpoint (OpenAPI).</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(ContinuationPagingMetadata.Instance);
    }

    /// <summary>Reads <c>size</c>, the continuation token and <c>seekOperation</c> from the request.</summary>
    public static ContinuationPage<TKey> Read(HttpContext context)
#pragma warning restore CA1000
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var size = ReadSize(request);
        var token = ReadToken(request);
        var seek = request.Query[ContinuationPaging.SeekOperationParameter].ToString();
        if (seek.Length > 0 && !string.Equals(seek, ContinuationPaging.SeekNext, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input", "seekOperation supports only Next.",
                new[] { new { field = ContinuationPaging.SeekOperationParameter, code = "unsupported" } });
        }

        if (seek.Length > 0 && token is null)
        {
            throw InvalidToken("seekOperation=Next needs the MS-ContinuationToken header from the previous page's links.next.");
        }

        var path = request.PathBase.Add(request.Path).Value ?? string.Empty;
        var filter = request.Query
            .Where(q => !ContinuationPaging.IsPagingParameter(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty)))
            .ToList();
        var scope = Scope(context.GetTenant()?.Id, path, filter);
        var codec = context.RequestServices.GetRequiredService<ContinuationTokenCodec>();
        TKey? after = null;
        if (token is not null && !codec.TryDecode(scope, token, out after))
        {
            throw InvalidToken("The continuation token is not valid for this list. Start again without it.");
        }

        return new ContinuationPage<TKey>(size, after, path, scope, filter, codec);
    }

    /// <summary>
    /// Answers with the Partner Center collection shape. <paramref name="rows"/> are up to <see cref="Take"/>
    /// rows in key order; the extra row, if present, is dropped and announces <c>links.next</c>.
    /// </summary>
    public ResourceCollection<TItem> ToCollection<TItem>(IReadOnlyList<TItem> rows, Func<TItem, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        if (rows.Count <= Size)
        {
            return new ResourceCollection<TItem>(rows, new CollectionLinks(null));
        }

        var items = rows.Take(Size).ToList();
        var token = _codec.Encode(_scope, keyOf(items[^1]));
        var query = new QueryBuilder(_filter)
        {
            { ContinuationPaging.SizeParameter, Size.ToString(CultureInfo.InvariantCulture) },
            { ContinuationPaging.SeekOperationParameter, ContinuationPaging.SeekNext },
        };
        var next = new ResourceLink(_path + query.ToQueryString().Value, HttpMethods.Get, [new ResourceLinkHeader(ApiHeaders.ContinuationToken, token)]);
        return new ResourceCollection<TItem>(items, new CollectionLinks(next));
    }

    private static int ReadSize(HttpRequest request)
    {
        var raw = request.Query[ContinuationPaging.SizeParameter].ToString();
        if (raw.Length == 0 || raw == "0")
        {
            return DefaultSize; // size=0, as Partner Center's own examples send it, is the default page
        }

        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= MaxSize
            ? size
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid_input",
                $"size must be a whole number from 0 (the default, {DefaultSize}) to {MaxSize}.",
                new[] { new { field = ContinuationPaging.SizeParameter, code = "out_of_range" } });
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers[ApiHeaders.ContinuationToken].ToString();
        var query = request.Query[ContinuationPaging.TokenParameter].ToString();
        if (header.Length > 0 && query.Length > 0 && !string.Equals(header, query, StringComparison.Ordinal))
        {
            throw InvalidToken("Send the continuation token once: in the MS-ContinuationToken header or as continuationToken.");
        }

        var token = header.Length > 0 ? header : query;
        return token.Length > 0 ? token : null;
    }

    /// <summary>What a token is bound to: tenant, path and filter, hashed so the purpose string stays short.</summary>
    private static string Scope(Guid? tenant, string path, IEnumerable<KeyValuePair<string, string>> filter)
    {
        var text = new StringBuilder()
            .Append(tenant?.ToString("N") ?? "platform").Append('\n')
            .Append(path.ToUpperInvariant()).Append('\n');
        foreach (var (name, value) in filter.OrderBy(f => f.Key, StringComparer.OrdinalIgnoreCase).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            text.Append(name.ToUpperInvariant()).Append('=').Append(value).Append('\n');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static ApiProblemException InvalidToken(string description) =>
        new(StatusCodes.Status400BadRequest, ContinuationPaging.InvalidTokenCode, description,
            new[] { new { field = ApiHeaders.ContinuationToken, code = ContinuationPaging.InvalidTokenCode } });
}

/// <summary>Names shared by the paging primitives and their documentation.</summary>
public static class ContinuationPaging
{
    public const string SizeParameter = "size";

    public const string TokenParameter = "continuationToken";

    public const string SeekOperationParameter = "seekOperation";

    public const string SeekNext = "Next";

    public const string InvalidTokenCode = "invalid_continuation_token";

    internal static bool IsPagingParameter(string name) =>
        string.Equals(name, SizeParameter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, TokenParameter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, SeekOperationParameter, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Marks an endpoint that pages with continuation tokens (documented in OpenAPI).</summary>
public sealed class ContinuationPagingMetadata
{
    public static readonly ContinuationPagingMetadata Instance = new();

    private ContinuationPagingMetadata()
    {
    }
}

/// <summary>
/// Partner Center's collection: <c>{ totalCount, items, links: { next? }, attributes: { objectType: "Collection" } }</c>.
/// <c>totalCount</c> is the number of items in this page (Partner Center does not count whole lists).
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Partner Center's name for this shape.")]
public sealed class ResourceCollection<TItem>(IReadOnlyList<TItem> items, CollectionLinks links)
{
    [JsonPropertyOrder(0)]
    public int TotalCount => Items.Count;

    [JsonPropertyOrder(1)]
    public IReadOnlyList<TItem> Items { get; } = items;

    [JsonPropertyOrder(2)]
    public CollectionLinks Links { get; } = links;

    /// <summary>
    /// The next page's token beside <c>links.next</c>, as Partner Center's seek-based collections carry it
    /// (<c>continuationToken</c>); absent on the last page, like <c>links.next</c>.
    /// </summary>
    [JsonPropertyOrder(3)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContinuationToken => Links.Next?.Headers.FirstOrDefault(h => h.Key == ApiHeaders.ContinuationToken)?.Value;

    [JsonPropertyOrder(4)]
    public CollectionAttributes Attributes { get; } = CollectionAttributes.Collection;
}

/// <summary>Links of a collection; <c>next</c> is absent on the last page.</summary>
public sealed record CollectionLinks([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ResourceLink? Next);

/// <summary>A link to follow: its URI, method and the headers to send with it.</summary>
public sealed record ResourceLink(string Uri, string Method, IReadOnlyList<ResourceLinkHeader> Headers);

public sealed record ResourceLinkHeader(string Key, string Value);

public sealed record CollectionAttributes(string ObjectType)
{
    public static readonly CollectionAttributes Collection = new("Collection");
}
