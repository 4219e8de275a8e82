namespace GccSaaS.Modules.Notifications.Features.NotificationCentre;

/// <summary>
/// <c>GET /v1/notifications</c> (the caller's own, newest first, continuation-token paged) and
/// <c>POST /v1/notifications/{id}/read</c>. The tenant comes from the credential (R-PC-10).
/// </summary>
internal static class NotificationsEndpoints
{
    public const string PagingResource = "notifications";

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapPartnerCenterApi().MapGroup("/notifications")
            .RequireAuthorization(GccSaaSPolicies.TenantMember)
            .WithTags("Notifications");

        group.MapGet("/", ListAsync).WithName("ListNotifications");
        group.MapPost("/{id:guid}/read", MarkReadAsync).WithName("MarkNotificationRead");
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, IMediator mediator, ContinuationTokens tokens, string? size, bool? unreadOnly, CancellationToken cancellationToken)
    {
        if (CurrentUserOf(context) is not { } user)
        {
            return Results.Unauthorized();
        }

        var pageSize = ContinuationTokens.ReadSize(size);
        var state = ContinuationTokens.Read(context.Request) is { } token
            ? tokens.Unprotect<ListState>(PagingResource, token)
            : new ListState(null, null, unreadOnly ?? false);
        var after = state.At is { } at && state.Id is { } id ? new PageCursor(at, id) : null;
        var page = await mediator.Send(new GetNotificationsQuery(user.UserId, pageSize, after, state.UnreadOnly), cancellationToken);
        var next = page.Next is { } cursor ? tokens.Protect(PagingResource, new ListState(cursor.At, cursor.Id, state.UnreadOnly)) : null;
        return Results.Ok(ContinuationTokens.Collection(page.Items.Select(ToResource).ToList(), "/v1/notifications", pageSize, next));
    }

    private static async Task<IResult> MarkReadAsync(HttpContext context, IMediator mediator, Guid id, CancellationToken cancellationToken)
    {
        if (CurrentUserOf(context) is not { } user)
        {
            return Results.Unauthorized();
        }

        var item = await mediator.Send(new MarkNotificationReadCommand(user.UserId, id), cancellationToken);
        return Results.Ok(ToResource(item));
    }

    /// <summary>The signed-in user or API key; null when the identity area is not composed.</summary>
    public static CurrentUser? CurrentUserOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTenant() is null ? null : context.RequestServices.GetService<ICurrentUserAccessor>()?.Current;
    }

    private static object ToResource(NotificationItem n) => new
    {
        id = n.Id,
        kind = n.Kind,
        subject = n.Subject,
        body = n.Body,
        linkUrl = n.LinkUrl,
        createdAt = n.CreatedAt,
        readAt = n.ReadAt,
        isRead = n.IsRead,
        attributes = new { objectType = "Notification" },
    };

    /// <summary>What a continuation token carries: the keyset position and the first request's filter.</summary>
    private sealed record ListState(DateTimeOffset? At, Guid? Id, bool UnreadOnly);
}
