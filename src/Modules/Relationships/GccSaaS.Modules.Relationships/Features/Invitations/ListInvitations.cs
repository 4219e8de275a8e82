using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>The keyset of invitation lists: when it was created, then its id.</summary>
internal sealed record InvitationCursor(DateTimeOffset CreatedAt, Guid Id);

/// <summary>One invitation as the lists show it; <see cref="Status"/> is the status now (R-REL-7).</summary>
internal sealed record InvitationRow(
    Guid Id,
    InvitationKind Kind,
    InvitationStatus Status,
    string? InvitedEmail,
    Guid SentByUserId,
    string SentBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    string? AcceptedBy,
    int SendCount)
{
    public InvitationCursor Cursor => new(CreatedAt, Id);
}

/// <summary>
/// The tenant's invitations, keyset-paged: newest first (the invitations list), or only the open ones oldest
/// first (the pending actions page, "by age"). Reseller users see only the invitations they sent. <paramref name="Reverse"/>
/// turns either order round (the portal's sort by when sent, issue 16); both are ranges of one index read either way.
/// </summary>
internal sealed record ListInvitationsQuery(bool OpenOnlyOldestFirst, InvitationKind? Kind, InvitationCursor? After, int Take, bool Reverse = false)
    : IRequest<IReadOnlyList<InvitationRow>>;

internal sealed class ListInvitationsHandler(RelationshipsDbContext db, ITenantContextAccessor tenants, ICurrentUserAccessor users, TimeProvider clock)
    : IRequestHandler<ListInvitationsQuery, IReadOnlyList<InvitationRow>>
{
    public async Task<IReadOnlyList<InvitationRow>> Handle(ListInvitationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var user = users.Current;
        var now = clock.GetUtcNow();
        var query = db.Invitations.AsNoTracking().Where(i => i.TenantId == tenant.Id);
        if (user is null || user.IsReseller)
        {
            var userId = user?.UserId ?? Guid.Empty;
            query = query.Where(i => i.CreatedByUserId == userId);
        }

        if (request.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (request.OpenOnlyOldestFirst)
        {
            // Open = still pending now, whether or not the expiry job has run.
            query = query.Where(i => i.Status == InvitationStatus.Pending && i.ExpiresAt > now);
        }

        // The open ones oldest first, all of them newest first; either turned round when asked.
        var descending = request.OpenOnlyOldestFirst == request.Reverse;
        if (request.After is { } after)
        {
            query = descending
                ? query.Where(i => i.CreatedAt < after.CreatedAt || (i.CreatedAt == after.CreatedAt && i.Id.CompareTo(after.Id) < 0))
                : query.Where(i => i.CreatedAt > after.CreatedAt || (i.CreatedAt == after.CreatedAt && i.Id.CompareTo(after.Id) > 0));
        }

        query = descending
            ? query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            : query.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id);

        var rows = await query.Take(request.Take).ToListAsync(cancellationToken);
        return [.. rows.Select(i => new InvitationRow(
            i.Id, i.Kind, i.EffectiveStatus(now), i.InvitedEmail, i.CreatedByUserId, i.CreatedByName, i.CreatedAt, i.ExpiresAt,
            i.AcceptedAt, i.AcceptedBy, i.SendCount))];
    }
}
