using GccSaaS.Modules.Identity.Data;

namespace GccSaaS.Modules.Identity;

/// <summary>A membership with its tenant, as the tenant switch and the sign-in landing show it.</summary>
internal sealed record MembershipSummary(TenantInfo Tenant, string Role, Guid? ResellerOrganisationId);

/// <summary>
/// A user's memberships, read once per request (scoped): the claims transformation, the user menu and
/// the tenant switch all ask. Only active tenants count.
/// </summary>
internal sealed class UserMemberships(GccSaaSIdentityDbContext db, ITenantStore tenants)
{
    private readonly Dictionary<Guid, IReadOnlyList<MembershipSummary>> _byUser = [];

    public async Task<IReadOnlyList<MembershipSummary>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        if (_byUser.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        // Across tenants, before one is chosen: the named path for a user's own memberships (ADR 0021).
        var rows = await db.Memberships.FromSql($"SELECT * FROM identity.memberships_of_user({userId})").AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new { m.TenantId, m.Role, m.ResellerOrganisationId })
            .ToListAsync(cancellationToken);
        // Their tenants in one query, however many memberships (not one query per membership).
        var found = await tenants.FindByIdsAsync([.. rows.Select(r => r.TenantId)], cancellationToken);
        var result = new List<MembershipSummary>(rows.Count);
        foreach (var row in rows)
        {
            if (found.GetValueOrDefault(row.TenantId) is { IsActive: true } tenant)
            {
                result.Add(new MembershipSummary(tenant, row.Role, row.ResellerOrganisationId));
            }
        }

        result.Sort((a, b) => string.Compare(a.Tenant.Name, b.Tenant.Name, StringComparison.CurrentCultureIgnoreCase));
        _byUser[userId] = result;
        return result;
    }

    /// <summary>
    /// Whether the user is a member of <paramref name="tenantId"/>, before any tenant is resolved (the sign-in landing): from
    /// the memberships listed in this request if they were, else one indexed read of the user's own memberships in it.
    /// </summary>
    public async Task<bool> IsMemberAsync(Guid userId, Guid tenantId, CancellationToken cancellationToken = default)
    {
        if (_byUser.TryGetValue(userId, out var listed))
        {
            return listed.Any(m => m.Tenant.Id == tenantId);
        }

        // Across tenants, before one is chosen: the named path for a user's own memberships (ADR 0021).
        return await db.Memberships.FromSql($"SELECT * FROM identity.memberships_of_user({userId})").AsNoTracking()
            .AnyAsync(m => m.UserId == userId && m.TenantId == tenantId, cancellationToken);
    }

    /// <summary>The user's membership in one tenant (one indexed read; the tenant is already resolved, and row-level security holds the read to it).</summary>
    public Task<Membership?> InTenantAsync(Guid userId, Guid tenantId, CancellationToken cancellationToken = default) =>
        db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, cancellationToken);
}
