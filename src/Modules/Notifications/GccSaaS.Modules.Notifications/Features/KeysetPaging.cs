using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace GccSaaS.Modules.Notifications.Features;

/// <summary>Where a newest-first keyset page ends: the last row's time and id (the tie-breaker).</summary>
internal sealed record PageCursor(DateTimeOffset At, Guid Id);

/// <summary>
/// Continuation tokens for the notification centre and the audit log (R-PC-10). Local stand-in for the
/// shared paging primitives of BuildingBlocks/Web (http area): the token is opaque and tamper-proof
/// (Data Protection, bound to the resource and the tenant) and carries the keyset values plus the
/// filters of the first request, so a next page cannot widen the query. Swapping to the shared
/// primitives touches only this file and the two list endpoints.
/// </summary>
internal sealed class ContinuationTokens(IDataProtectionProvider protection, ITenantContextAccessor tenants)
{
    public const string Header = "MS-ContinuationToken";
    public const string QueryParameter = "continuationToken";
    public const int DefaultSize = 100;
    public const int MaxSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Protect<TState>(string resource, TState state) =>
        Protector(resource).Protect(JsonSerializer.Serialize(state, Json));

    /// <summary>The state a token carries; a token that was altered, expired keys or another tenant's is invalid input.</summary>
    public TState Unprotect<TState>(string resource, string token)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(Protector(resource).Unprotect(token), Json)
                ?? throw Invalid();
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            throw Invalid();
        }
    }

    /// <summary>The continuation token of a request: the header, else the query string; null on a first page.</summary>
    public static string? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers[Header].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header;
        }

        var query = request.Query[QueryParameter].ToString();
        return string.IsNullOrWhiteSpace(query) ? null : query;
    }

    /// <summary><c>?size=</c>: 1 to 500, 100 when absent.</summary>
    public static int ReadSize(string? size)
    {
        if (string.IsNullOrWhiteSpace(size))
        {
            return DefaultSize;
        }

        return int.TryParse(size, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= MaxSize
            ? value
            : throw new RequestValidationException([new ValidationFailure("size", "out_of_range", $"size must be between 1 and {MaxSize}.")]);
    }

    /// <summary>
    /// The Partner Center collection shape: <c>totalCount</c> is the number of items in this page, and
    /// <c>links.next</c> (absent on the last page) says how to fetch the next one.
    /// </summary>
    public static object Collection<TItem>(IReadOnlyList<TItem> items, string path, int size, string? nextToken) => new
    {
        totalCount = items.Count,
        items,
        // An empty object on the last page, as the shared ResourceCollection writes it.
        links = nextToken is null
            ? new { }
            : (object)new
            {
                next = new
                {
                    uri = $"{path}?size={size}&seekOperation=Next",
                    method = "GET",
                    headers = new[] { new { key = Header, value = nextToken } },
                },
            },
        attributes = new { objectType = "Collection" },
    };

    /// <summary>A cursor for portal links (<c>?after=</c>), protected like the API's tokens.</summary>
    public string ProtectCursor(string resource, PageCursor cursor) => Protect(resource, cursor);

    /// <summary>The portal cursor, or null (first page) when absent or not valid.</summary>
    public PageCursor? TryUnprotectCursor(string resource, string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            return Unprotect<PageCursor>(resource, token);
        }
        catch (RequestValidationException)
        {
            return null;
        }
    }

    private IDataProtector Protector(string resource) =>
        protection.CreateProtector("GccSaaS.Paging.v1", resource, (tenants.Current?.Id ?? Guid.Empty).ToString("D"));

    private static RequestValidationException Invalid() =>
        new([new ValidationFailure(Header, "invalid_continuation_token", "The continuation token is not valid; start again from the first page.")]);
}
