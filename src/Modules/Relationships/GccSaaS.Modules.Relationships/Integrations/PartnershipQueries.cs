using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;

namespace GccSaaS.Modules.Relationships.Integrations;

/// <summary>
/// R-PC-4: the tenant's partnership with a reseller organisation: the active one if there is one, else the
/// most recently removed one, else null.
/// </summary>
internal sealed class GetPartnershipQueryHandler(RelationshipsDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<GetPartnershipQuery, PartnershipDto?>
{
    public async Task<PartnershipDto?> Handle(GetPartnershipQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantGuard.EnsureCurrent(tenants, request.TenantId);
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a command (ADR 0017) the caller acts on the answer in the same transaction, e.g. adds a customer
            // for the reseller (R-CUS-3): share-lock the rows so a removal (R-REL-3) either commits first, and is
            // read below, or waits for this command. Without the lock both commit and a customer is added for a
            // reseller whose partnership is already removed.
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT 1 FROM relationships.partnerships WHERE tenant_id = {request.TenantId} AND reseller_organisation_id = {request.ResellerOrganisationId} FOR SHARE",
                cancellationToken);
        }

        var row = await db.Partnerships.AsNoTracking()
            .Where(p => p.TenantId == request.TenantId && p.ResellerOrganisationId == request.ResellerOrganisationId)
            .OrderBy(p => p.Status == PartnershipStatus.Active ? 0 : 1).ThenByDescending(p => p.RemovedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return row?.ToDto();
    }
}

/// <summary>A picker of the tenant's active partnerships by name or PartnerID (bounded, ordered by name).</summary>
internal sealed class SearchActivePartnershipsQueryHandler(RelationshipsDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<SearchActivePartnershipsQuery, IReadOnlyList<PartnershipDto>>
{
    public const int MaxTake = 100;

    public async Task<IReadOnlyList<PartnershipDto>> Handle(SearchActivePartnershipsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantGuard.EnsureCurrent(tenants, request.TenantId);
        var query = db.Partnerships.AsNoTracking()
            .Where(p => p.TenantId == request.TenantId && p.Status == PartnershipStatus.Active);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + Like.Escape(request.Search.Trim()) + "%";
            query = query.Where(p => EF.Functions.ILike(p.ResellerName, pattern) || EF.Functions.ILike(p.PartnerId, pattern));
        }

        // lower() in SQL, as the index ix_partnerships_name has it; never evaluated in .NET.
#pragma warning disable CA1304, CA1311, CA1862
        var rows = await query
            .OrderBy(p => p.ResellerName.ToLower()).ThenBy(p => p.Id)
            .Take(Math.Clamp(request.Take, 1, MaxTake))
            .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        return [.. rows.Select(p => p.ToDto())];
    }
}

/// <summary>The latest partnership with each named reseller, for showing resellers by name (a page's worth of ids).</summary>
internal sealed class GetPartnershipsByResellerQueryHandler(RelationshipsDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<GetPartnershipsByResellerQuery, IReadOnlyList<PartnershipDto>>
{
    public const int MaxIds = 100;

    public async Task<IReadOnlyList<PartnershipDto>> Handle(GetPartnershipsByResellerQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TenantGuard.EnsureCurrent(tenants, request.TenantId);
        var ids = request.ResellerOrganisationIds.Distinct().Take(MaxIds).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Partnerships.AsNoTracking()
            .Where(p => p.TenantId == request.TenantId && ids.Contains(p.ResellerOrganisationId))
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(p => p.ResellerOrganisationId).Select(g => g.OrderByDescending(p => p.Status == PartnershipStatus.Active).ThenByDescending(p => p.Since).First().ToDto())];
    }
}

internal static class TenantGuard
{
    /// <summary>A contract names its tenant; it must be the tenant the request runs in (RLS fences the rest).</summary>
    public static void EnsureCurrent(ITenantContextAccessor tenants, Guid tenantId)
    {
        if (tenants.RequireTenant().Id != tenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant; send it in that tenant's scope.");
        }
    }
}

internal static class Like
{
    /// <summary>Escapes LIKE wildcards so a search for "50%" finds "50%", not everything.</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
