using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Host.Identity.Data;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Host.Identity;

/// <summary>Members of a tenant, from the identity store (explicitly filtered by tenant: not RLS-fenced).</summary>
internal sealed class TenantDirectory(GccSaaSIdentityDbContext db) : ITenantDirectory
{
    public async Task<IReadOnlyList<TenantMember>> ListMembersAsync(Guid tenantId, string? role = null, CancellationToken cancellationToken = default)
    {
        var query = db.Memberships.AsNoTracking().Where(m => m.TenantId == tenantId);
        if (role is not null)
        {
            query = query.Where(m => m.Role == role);
        }

        return await query
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName).ThenBy(x => x.u.Id)
            .Select(x => new TenantMember(x.u.Id, x.u.DisplayName, x.u.Email ?? string.Empty, x.m.Role, x.m.ResellerOrganisationId))
            .ToListAsync(cancellationToken);
    }
}
