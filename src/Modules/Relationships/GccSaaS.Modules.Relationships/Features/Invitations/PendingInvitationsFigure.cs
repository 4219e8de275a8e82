using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Resources;

namespace GccSaaS.Modules.Relationships.Features.Invitations;

/// <summary>
/// The dashboard's pending-invitations figure (open now, whatever the expiry job did), linking to the pending
/// actions page. Provider users count the tenant's; reseller users those they sent.
/// </summary>
internal sealed class PendingInvitationsFigure(
    RelationshipsDbContext db, ITenantContextAccessor tenants, ICurrentUserAccessor users, TimeProvider clock, IStringLocalizer<RelationshipsResource> l)
    : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (tenants.Current is not { } tenant || users.Current is not { TenantRole: not null } user)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        var query = db.Invitations.AsNoTracking()
            .Where(i => i.TenantId == tenant.Id && i.Status == InvitationStatus.Pending && i.ExpiresAt > now);
        if (user.IsReseller)
        {
            query = query.Where(i => i.CreatedByUserId == user.UserId);
        }

        var count = await query.LongCountAsync(cancellationToken);
        return [new DashboardFigure("relationships.pending-invitations", l["Dashboard_PendingInvitations"].Value, count, $"/{tenant.Identifier}/pending-actions", 30)];
    }
}
