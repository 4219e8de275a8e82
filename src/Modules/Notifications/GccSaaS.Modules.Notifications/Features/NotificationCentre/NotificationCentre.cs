using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.NotificationCentre;

/// <summary>A notification as the centre and the API show it.</summary>
internal sealed record NotificationItem(
    Guid Id, string Kind, string Subject, string Body, string? LinkUrl, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

internal sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, PageCursor? Next);

/// <summary>The user's own notifications in the current tenant, newest first, one keyset page.</summary>
internal sealed record GetNotificationsQuery(Guid UserId, int Size, PageCursor? After = null, bool UnreadOnly = false) : IRequest<NotificationPage>;

internal sealed class GetNotificationsHandler(NotificationsDbContext db) : IRequestHandler<GetNotificationsQuery, NotificationPage>
{
    public async Task<NotificationPage> Handle(GetNotificationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.RecipientUserId == request.UserId);
        if (request.UnreadOnly)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (request.After is { } after)
        {
            // Row-value comparison, so the (created_at DESC, id DESC) index serves every page.
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var rows = await query
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(request.Size + 1)
            .Select(n => new { n.Id, n.Kind, n.Subject, n.Body, n.LinkUrl, n.CreatedAt, n.ReadAt, n.Translations })
            .ToListAsync(cancellationToken);
        var items = rows.Take(request.Size).Select(n =>
        {
            var (subject, body) = NotificationTexts.ForReader(n.Subject, n.Body, n.Translations); // in the reader's language
            return new NotificationItem(n.Id, n.Kind, subject, body, n.LinkUrl, n.CreatedAt, n.ReadAt);
        }).ToList();
        var next = rows.Count > request.Size ? new PageCursor(items[^1].CreatedAt, items[^1].Id) : null;
        return new NotificationPage(items, next);
    }
}

/// <summary>How many of the user's notifications in the current tenant are unread (the shell's badge).</summary>
internal sealed record CountUnreadNotificationsQuery(Guid UserId) : IRequest<int>;

internal sealed class CountUnreadNotificationsHandler(NotificationsDbContext db) : IRequestHandler<CountUnreadNotificationsQuery, int>
{
    public Task<int> Handle(CountUnreadNotificationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Set<Notification>().CountAsync(n => n.RecipientUserId == request.UserId && n.ReadAt == null, cancellationToken);
    }
}

/// <summary>
/// Marks one of the user's own notifications read. Another user's or another tenant's notification is
/// "not found" (never revealed); marking a read notification again changes nothing.
/// </summary>
internal sealed record MarkNotificationReadCommand(Guid UserId, Guid NotificationId) : IRequest<NotificationItem>;

internal sealed class MarkNotificationReadHandler(NotificationsDbContext db, TimeProvider clock) : IRequestHandler<MarkNotificationReadCommand, NotificationItem>
{
    public async Task<NotificationItem> Handle(MarkNotificationReadCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notification = await db.Set<Notification>()
            .SingleOrDefaultAsync(n => n.Id == request.NotificationId && n.RecipientUserId == request.UserId, cancellationToken)
            ?? throw new DomainRuleException(NotificationsErrorCodes.NotificationNotFound, "The notification does not exist.", DomainErrorKind.NotFound);
        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        var (subject, body) = NotificationTexts.ForReader(notification.Subject, notification.Body, notification.Translations);
        return new NotificationItem(notification.Id, notification.Kind, subject, body, notification.LinkUrl, notification.CreatedAt, notification.ReadAt);
    }
}

/// <summary>Marks every unread notification of the user in the current tenant read; returns how many changed.</summary>
internal sealed record MarkAllNotificationsReadCommand(Guid UserId) : IRequest<int>;

internal sealed class MarkAllNotificationsReadHandler(NotificationsDbContext db, TimeProvider clock) : IRequestHandler<MarkAllNotificationsReadCommand, int>
{
    public Task<int> Handle(MarkAllNotificationsReadCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        return db.Set<Notification>()
            .Where(n => n.RecipientUserId == request.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }
}
