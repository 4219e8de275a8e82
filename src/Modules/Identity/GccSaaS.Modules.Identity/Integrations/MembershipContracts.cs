using GccSaaS.Modules.Identity.Contracts;
using GccSaaS.Modules.Identity.Data;

namespace GccSaaS.Modules.Identity.Integrations;

/// <summary>
/// Memberships as other modules ask for them (R-REL-2, R-REL-3), in the current tenant: memberships are under
/// row-level security (ADR 0021), and every statement names its tenant as well. Sent from inside another module's command, these join its transaction (ADR 0017):
/// a grant commits with the partnership that caused it, or not at all.
/// </summary>
internal sealed class GetMembershipHandler(GccSaaSIdentityDbContext db) : IRequestHandler<GetMembershipQuery, MembershipDto?>
{
    public async Task<MembershipDto?> Handle(GetMembershipQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await db.Memberships.AsNoTracking()
            .Where(m => m.TenantId == request.TenantId && m.UserId == request.UserId)
            .Select(m => new MembershipDto(m.TenantId, m.UserId, m.Role, m.ResellerOrganisationId))
            .FirstOrDefaultAsync(cancellationToken);
    }
}

internal sealed class GrantResellerAdminHandler(GccSaaSIdentityDbContext db, TimeProvider clock) : IRequestHandler<GrantResellerAdminCommand, Unit>
{
    public async Task<Unit> Handle(GrantResellerAdminCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!await db.Memberships.AnyAsync(m => m.TenantId == request.TenantId && m.UserId == request.UserId, cancellationToken))
        {
            db.Memberships.Add(new Membership
            {
                TenantId = request.TenantId,
                UserId = request.UserId,
                Role = GccSaaSRoles.ResellerAdmin,
                ResellerOrganisationId = request.ResellerOrganisationId,
                CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return Unit.Value;
    }
}

internal sealed class EndResellerOrganisationMembershipsHandler(GccSaaSIdentityDbContext db)
    : IRequestHandler<EndResellerOrganisationMembershipsCommand, int>
{
    public Task<int> Handle(EndResellerOrganisationMembershipsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return db.Memberships
            .Where(m => m.TenantId == request.TenantId && m.ResellerOrganisationId == request.ResellerOrganisationId)
            .ExecuteDeleteAsync(cancellationToken);
    }
}

/// <summary>Members of a tenant, from the identity store (filtered by tenant, and fenced by row-level security).</summary>
internal sealed class ListTenantMembersHandler(GccSaaSIdentityDbContext db) : IRequestHandler<ListTenantMembersQuery, IReadOnlyList<TenantMemberDto>>
{
    public async Task<IReadOnlyList<TenantMemberDto>> Handle(ListTenantMembersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.Memberships.AsNoTracking().Where(m => m.TenantId == request.TenantId);
        if (request.Role is { } role)
        {
            query = query.Where(m => m.Role == role);
        }

        return await query
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName).ThenBy(x => x.u.Id)
            .Select(x => new TenantMemberDto(x.u.Id, x.u.DisplayName, x.u.Email ?? string.Empty, x.m.Role, x.m.ResellerOrganisationId))
            .ToListAsync(cancellationToken);
    }
}
