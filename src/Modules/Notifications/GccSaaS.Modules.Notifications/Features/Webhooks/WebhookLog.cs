namespace GccSaaS.Modules.Notifications.Features.Webhooks;

/// <summary>One page of an endpoint's delivery log as a caller sees it: the items and the token of the next page.</summary>
internal sealed record WebhookLogPage<T>(IReadOnlyList<T> Items, string? NextToken, bool IsFirst);

/// <summary>
/// The one way the delivery log's two lists (deliveries and attempts, newest first) are paged, for <c>/v1</c> and the
/// portal alike: the continuation token (bound to the tenant, the list and the endpoint) becomes the keyset cursor of
/// the query, and the page's last row the next token. Lenient callers (portal links) start again
/// from the first page on a token that is not valid; the API refuses it (400).
/// </summary>
internal sealed class WebhookLog(IMediator mediator, ContinuationTokens tokens)
{
    public const string DeliveriesList = "webhook-deliveries";
    public const string AttemptsList = "webhook-attempts";

    public Task<WebhookLogPage<WebhookDeliveryView>> DeliveriesAsync(Guid tenantId, Guid endpointId, int size, string? token, bool lenient, CancellationToken cancellationToken) =>
        PageAsync(DeliveriesList, endpointId, token, lenient, after => new GetWebhookDeliveriesQuery(tenantId, endpointId, size, after), cancellationToken);

    public Task<WebhookLogPage<WebhookAttemptView>> AttemptsAsync(Guid tenantId, Guid endpointId, int size, string? token, bool lenient, CancellationToken cancellationToken) =>
        PageAsync(AttemptsList, endpointId, token, lenient, after => new GetWebhookAttemptsQuery(tenantId, endpointId, size, after), cancellationToken);

    private async Task<WebhookLogPage<T>> PageAsync<T>(
        string list, Guid endpointId, string? token, bool lenient, Func<PageCursor?, IRequest<WebhookPage<T>>> query, CancellationToken cancellationToken)
    {
        var resource = list + ":" + endpointId;
        var after = string.IsNullOrWhiteSpace(token) ? null
            : lenient ? tokens.TryUnprotectCursor(resource, token)
            : tokens.Unprotect<PageCursor>(resource, token);
        var page = await mediator.Send(query(after), cancellationToken);
        return new WebhookLogPage<T>(page.Items, page.Next is { } next ? tokens.ProtectCursor(resource, next) : null, after is null);
    }
}

/// <summary>A newest-first keyset page of the log, read as one query of at most <c>size + 1</c> rows.</summary>
internal sealed record WebhookPage<T>(IReadOnlyList<T> Items, PageCursor? Next)
{
    /// <summary>
    /// Reads <paramref name="newestFirst"/> (already after the cursor, ordered newest first): one row more than the page
    /// tells whether a next page exists, and the page's last row is its cursor.
    /// </summary>
#pragma warning disable CA1000 // a factory of the generic page, used as WebhookPage<T>.ReadAsync
    public static async Task<WebhookPage<T>> ReadAsync(IQueryable<T> newestFirst, int size, Func<T, PageCursor> cursorOf, CancellationToken cancellationToken)
#pragma warning restore CA1000
    {
        ArgumentNullException.ThrowIfNull(cursorOf);
        var rows = await newestFirst.Take(size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(size).ToList();
        return new WebhookPage<T>(items, rows.Count > size ? cursorOf(items[^1]) : null);
    }
}
