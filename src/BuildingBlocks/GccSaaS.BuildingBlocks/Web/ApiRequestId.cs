using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// The request's <c>MS-RequestId</c>: the client's GUID, or one the server made up when none was sent
/// (Partner Center generates one per request in that case). Always echoed on the response. Handlers that
/// want a natural key for a retried write (R-PC-8 checkout) receive it from their endpoint.
/// </summary>
public sealed record ApiRequestId(Guid Value, bool Supplied)
{
    private static readonly object ItemKey = new();

    /// <summary>The request's id, read once per request; null when the header is present but not a GUID.</summary>
    public static ApiRequestId? Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var cached))
        {
            return cached as ApiRequestId;
        }

        var header = context.Request.Headers[ApiHeaders.RequestId].ToString().Trim();
        ApiRequestId? id = header.Length == 0
            ? new ApiRequestId(Guid.CreateVersion7(), Supplied: false)
            : Guid.TryParse(header, out var parsed) ? new ApiRequestId(parsed, Supplied: true) : null;
        context.Items[ItemKey] = id;
        if (id is not null)
        {
            var value = id.Value.ToString("D");
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ApiHeaders.RequestId] = value;
                return Task.CompletedTask;
            });
        }

        return id;
    }
}
