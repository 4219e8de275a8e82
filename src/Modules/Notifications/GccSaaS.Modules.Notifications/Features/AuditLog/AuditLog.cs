using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.AuditLog;

/// <summary>An audit line as the page, the CSV export and the API show it.</summary>
internal sealed record AuditItem(
    Guid Id, DateTimeOffset OccurredAt, string Action, string Module, string Details, Guid? UserId, string Actor, Guid? ApiKeyId, string? CorrelationId);

/// <summary>
/// What to show: <see cref="User"/> matches a user id exactly or the actor's name in part,
/// <see cref="Action"/> the command name in part (both case-insensitive); <see cref="From"/> is
/// inclusive and <see cref="Until"/> exclusive.
/// </summary>
internal sealed record AuditFilter(string? User = null, string? Action = null, DateTimeOffset? From = null, DateTimeOffset? Until = null)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim();
            if (Guid.TryParse(user, out var userId))
            {
                entries = entries.Where(e => e.UserId == userId);
            }
            else
            {
                var pattern = "%" + Escape(user) + "%";
                entries = entries.Where(e => EF.Functions.ILike(e.Actor, pattern, "\\"));
            }
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            var pattern = "%" + Escape(Action.Trim()) + "%";
            entries = entries.Where(e => EF.Functions.ILike(e.Action, pattern, "\\"));
        }

        if (From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (Until is { } until)
        {
            entries = entries.Where(e => e.OccurredAt < until);
        }

        return entries;
    }

    /// <summary>Newest first, the order every view of the log uses.</summary>
    public static IQueryable<AuditItem> Project(IQueryable<AuditEntry> entries) =>
        entries
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Select(e => new AuditItem(e.Id, e.OccurredAt, e.Action, e.Module, e.Details, e.UserId, e.Actor, e.ApiKeyId, e.CorrelationId));

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

internal sealed record AuditPage(IReadOnlyList<AuditItem> Items, PageCursor? Next);

/// <summary>
/// One keyset page of the current tenant's audit log, newest first (or, with <see cref="Ascending"/>, oldest first:
/// the portal's <c>?sort=when</c> and its pages back), rows strictly after <see cref="After"/> in that order.
/// </summary>
internal sealed record GetAuditEntriesQuery(AuditFilter Filter, int Size, PageCursor? After = null, bool Ascending = false) : IRequest<AuditPage>;

internal sealed class GetAuditEntriesHandler(NotificationsDbContext db) : IRequestHandler<GetAuditEntriesQuery, AuditPage>
{
    public async Task<AuditPage> Handle(GetAuditEntriesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.Filter.Apply(db.Set<AuditEntry>().AsNoTracking());
        if (request.After is { } after)
        {
            entries = request.Ascending
                ? entries.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(after.At, after.Id)))
                : entries.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.OccurredAt, e.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var projected = request.Ascending
            ? entries.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                .Select(e => new AuditItem(e.Id, e.OccurredAt, e.Action, e.Module, e.Details, e.UserId, e.Actor, e.ApiKeyId, e.CorrelationId))
            : AuditFilter.Project(entries);
        var rows = await projected.Take(request.Size + 1).ToListAsync(cancellationToken);
        var items = rows.Take(request.Size).ToList();
        return new AuditPage(items, rows.Count > request.Size ? new PageCursor(items[^1].OccurredAt, items[^1].Id) : null);
    }
}
