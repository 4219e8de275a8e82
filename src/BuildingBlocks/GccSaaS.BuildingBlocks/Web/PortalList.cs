using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// What the portal's list tools need from a list: its sort, its page size and the links to the other sorts and pages
/// (read by <see cref="SortHeaderTagHelper"/> and <see cref="ListPagerTagHelper"/>).
/// </summary>
public interface IPortalList
{
    /// <summary>The column the list is sorted by.</summary>
    string SortKey { get; }

    bool Descending { get; }

    /// <summary>Rows per page.</summary>
    int Size { get; }

    /// <summary>The page link (<c>?page=</c>) to the rows after this page; null on the last page.</summary>
    string? NextHref { get; }

    /// <summary>The page link to the rows before this page; null on the first page.</summary>
    string? PreviousHref { get; }

    /// <summary>The first page in the same sort; null when this is the first page.</summary>
    string? FirstHref { get; }

    /// <summary>The list sorted by <paramref name="key"/>: ascending, or descending when it is sorted so already.</summary>
    string SortHref(string key);

    /// <summary>The first page of the list with another page size.</summary>
    string SizeHref(int size);
}

/// <summary>Where a page starts: after (or, going back, before) the keyset values of a row.</summary>
public sealed record PortalCursor<TKey>(TKey Key, bool Before);

/// <summary>
/// One page of a portal list with its sort (<c>?sort=name</c> or <c>?sort=-name</c> for descending), page size
/// (<c>?size=</c>, one of <see cref="PortalList.Sizes"/>) and keyset position (<c>?page=</c>, a token of the one
/// <see cref="ContinuationTokenCodec"/>, bound to the tenant, the path, the filter and the sort). Only sorts an index
/// serves are offered: each list passes its own. The query reads <see cref="Take"/> rows strictly after
/// <see cref="Seek"/> in the order <see cref="SortKey"/>/<see cref="ReadDescending"/> (going back, that is the
/// reversed order) and hands them to <see cref="Page{TRow}"/>:
/// <code>
/// if (!PortalList.TryRead&lt;NameCursor&gt;(HttpContext, ["name", "since"], 25, out var list)) return BadRequest();
/// Items = list.Page(await mediator.Send(new Query(list.SortKey, list.ReadDescending, list.Seek, list.Take)), r =&gt; new NameCursor(…));
/// </code>
/// An unknown sort, page size or a token that is not this list's answers 400, never 500 or another list's rows.
/// </summary>
/// <typeparam name="TKey">The keyset values of a row (sort value and id), carried in the token.</typeparam>
public sealed class PortalList<TKey> : IPortalList
    where TKey : class
{
    public const string SortParameter = "sort";

    public const string PageParameter = "page";

    public const string SizeParameter = "size";

    private readonly PortalCursor<TKey>? _cursor;
    private readonly string _path;
    private readonly string _scope;
    private readonly IQueryCollection _query;
    private readonly ContinuationTokenCodec _codec;

    internal PortalList(string sortKey, bool descending, int size, int defaultSize, PortalCursor<TKey>? cursor, string path, string scope, IQueryCollection query, ContinuationTokenCodec codec)
    {
        SortKey = sortKey;
        Descending = descending;
        Size = size;
        DefaultSize = defaultSize;
        _cursor = cursor;
        _path = path;
        _scope = scope;
        _query = query;
        _codec = codec;
    }

    public string SortKey { get; }

    public bool Descending { get; }

    public int Size { get; }

    public int DefaultSize { get; }

    /// <summary>The order the query reads in: the list's order, reversed when going back.</summary>
    public bool ReadDescending => Descending ^ (_cursor?.Before ?? false);

    /// <summary>The row the query reads strictly after (in <see cref="ReadDescending"/> order); null on the first page.</summary>
    public TKey? Seek => _cursor?.Key;

    /// <summary>Rows to read: one more than the page, so that a further page is announced only when it exists.</summary>
    public int Take => Size + 1;

    public string? NextHref { get; private set; }

    public string? PreviousHref { get; private set; }

    public string? FirstHref => _cursor is null ? null : Href(SortParameterValue(SortKey, Descending), Size, null);

    /// <summary>
    /// The page's rows in the list's order from the <see cref="Take"/> rows the query read; sets the links to the
    /// next and previous pages.
    /// </summary>
    public IReadOnlyList<TRow> Page<TRow>(IReadOnlyList<TRow> rows, Func<TRow, TKey> keyOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(keyOf);
        var more = rows.Count > Size;
        var items = rows.Take(Size).ToList();
        var back = _cursor?.Before ?? false;
        if (back)
        {
            items.Reverse();
        }

        if (items.Count == 0)
        {
            // Past either end (rows removed meanwhile): only the first page is offered.
            return items;
        }

        var sort = SortParameterValue(SortKey, Descending);
        var hasNext = back || more;
        var hasPrevious = back ? more : _cursor is not null;
        NextHref = hasNext ? Href(sort, Size, _codec.Encode(_scope, new PortalCursor<TKey>(keyOf(items[^1]), false))) : null;
        PreviousHref = hasPrevious ? Href(sort, Size, _codec.Encode(_scope, new PortalCursor<TKey>(keyOf(items[0]), true))) : null;
        return items;
    }

    public string SortHref(string key) =>
        Href(SortParameterValue(key, key == SortKey && !Descending), Size, null);

    public string SizeHref(int size) => Href(SortParameterValue(SortKey, Descending), size, null);

    private string Href(string sort, int size, string? token)
    {
        var values = _query
            .Where(q => !IsListParameter(q.Key))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Where(q => !string.IsNullOrEmpty(q.Value))
            .ToList();
        values.Add(new(SortParameter, sort));
        if (size != DefaultSize)
        {
            values.Add(new(SizeParameter, size.ToString(CultureInfo.InvariantCulture)));
        }

        if (token is not null)
        {
            values.Add(new(PageParameter, token));
        }

        return QueryHelpers.AddQueryString(_path, values);
    }

    internal static string SortParameterValue(string key, bool descending) => descending ? "-" + key : key;

    /// <summary>The list's own parameters and a post's <c>handler</c>, which no list link carries on.</summary>
    private static bool IsListParameter(string name) =>
        string.Equals(name, "handler", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, SortParameter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, PageParameter, StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, SizeParameter, StringComparison.OrdinalIgnoreCase);

    internal static bool TrySingle(IQueryCollection query, string name, out string? value)
    {
        var values = query[name];
        value = values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
        return values.Count <= 1;
    }

    /// <summary>What a page token is bound to: the tenant, the path, the filter, the sort and the size (hashed).</summary>
    internal static string Scope(Guid? tenant, string path, IQueryCollection query, string sort, int size)
    {
        var text = new StringBuilder("portal\n")
            .Append(tenant?.ToString("N") ?? "platform").Append('\n')
            .Append(path.ToUpperInvariant()).Append('\n')
            .Append(sort).Append('\n')
            .Append(size.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (name, values) in query.Where(q => !IsListParameter(q.Key)).OrderBy(q => q.Key, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var value in ((IEnumerable<string?>)values).Where(v => !string.IsNullOrEmpty(v)).Order(StringComparer.Ordinal))
            {
                text.Append(name.ToUpperInvariant()).Append('=').Append(value).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}

/// <summary>Reads a <see cref="PortalList{TKey}"/> from a request (see there).</summary>
public static class PortalList
{
    /// <summary>The page sizes a user may pick.</summary>
    public static IReadOnlyList<int> Sizes { get; } = [25, 50, 100];

    /// <summary>
    /// Reads the list's sort, size and page from the request; false when any of them is not valid for this list.
    /// Without <c>?sort=</c> the list is sorted by <paramref name="defaultSort"/> (<c>-key</c> for descending), else by
    /// the first of <paramref name="sorts"/>, ascending.
    /// </summary>
    public static bool TryRead<TKey>(
        HttpContext context, IReadOnlyList<string> sorts, int defaultSize, [NotNullWhen(true)] out PortalList<TKey>? list, string? defaultSort = null)
        where TKey : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sorts);
        list = null;
        var query = context.Request.Query;
        if (!PortalList<TKey>.TrySingle(query, PortalList<TKey>.SortParameter, out var sortText) || !PortalList<TKey>.TrySingle(query, PortalList<TKey>.PageParameter, out var token) || !PortalList<TKey>.TrySingle(query, PortalList<TKey>.SizeParameter, out var sizeText))
        {
            return false;
        }

        sortText ??= defaultSort;
        var descending = sortText?.StartsWith('-') == true;
        var sortKey = sortText is null ? sorts[0] : sortText.TrimStart('-');
        if (!sorts.Contains(sortKey, StringComparer.Ordinal) || (sortText is not null && sortText.Length - sortKey.Length > 1))
        {
            return false;
        }

        var size = defaultSize;
        if (sizeText is not null
            && !(int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) && (size == defaultSize || Sizes.Contains(size))))
        {
            return false;
        }

        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        var scope = PortalList<TKey>.Scope(context.GetTenant()?.Id, path, query, PortalList<TKey>.SortParameterValue(sortKey, descending), size);
        var codec = context.RequestServices.GetRequiredService<ContinuationTokenCodec>();
        PortalCursor<TKey>? cursor = null;
        if (token is not null && !codec.TryDecode(scope, token, out cursor))
        {
            return false;
        }

        list = new PortalList<TKey>(sortKey, descending, size, defaultSize, cursor, path, scope, query, codec);
        return true;
    }
}
