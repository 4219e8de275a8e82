using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>
/// The keyset of the Indirect resellers list: the lower-cased name, then the id; sorted by the partnership's start
/// (the portal's <c>?sort=since</c>), that time, then the id.
/// </summary>
internal sealed record ResellerCursor(string NameKey, Guid Id, DateTimeOffset? Since = null);

/// <summary>The orders the Indirect resellers list offers, each served by an index that leads with tenant_id.</summary>
internal static class ResellerSorts
{
    public const string Name = "name";
    public const string Since = "since";

    public static readonly IReadOnlyList<string> All = [Name, Since];
}

/// <summary>One row of the provider's Indirect resellers list (R-REL-2) with its customer count.</summary>
internal sealed record IndirectResellerRow(
    Guid PartnershipId,
    Guid ResellerOrganisationId,
    string Name,
    string PartnerId,
    DateTimeOffset Since,
    int CustomerCount,
    Guid? ResellerTenantId = null,
    string? Location = null)
{
    public ResellerCursor Cursor => new(Name.ToLowerInvariant(), PartnershipId, Since);
}

/// <summary>
/// R-REL-2: the tenant's active partnerships by name, searched by any word of the name or the start of the PartnerID,
/// keyset-paged; the customer
/// counts of the whole page come from ONE <see cref="CountCustomersByResellerQuery"/>, the resellers' tenant IDs
/// and countries (Partner Center's <c>id</c> and <c>location</c>) from ONE <see cref="GetPartnerOrganisationsQuery"/>.
/// </summary>
internal sealed record ListIndirectResellersQuery(string? Search, ResellerCursor? After, int Take, string Sort = ResellerSorts.Name, bool Descending = false)
    : IRequest<IReadOnlyList<IndirectResellerRow>>;

internal sealed class ListIndirectResellersHandler(RelationshipsDbContext db, ITenantContextAccessor tenants, IMediator mediator)
    : IRequestHandler<ListIndirectResellersQuery, IReadOnlyList<IndirectResellerRow>>
{
    public async Task<IReadOnlyList<IndirectResellerRow>> Handle(ListIndirectResellersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var rows = await Query(request, tenant.Id)
            .Select(p => new { p.Id, p.ResellerOrganisationId, p.ResellerName, p.PartnerId, p.Since })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var organisationIds = rows.Select(r => r.ResellerOrganisationId).Distinct().ToList();
        var counts = await mediator.Send(new CountCustomersByResellerQuery(tenant.Id, organisationIds), cancellationToken);
        var organisations = (await mediator.Send(new GetPartnerOrganisationsQuery(organisationIds), cancellationToken)).ToDictionary(o => o.Id);
        return [.. rows.Select(r => new IndirectResellerRow(
            r.Id, r.ResellerOrganisationId, r.ResellerName, r.PartnerId, r.Since, counts.TryGetValue(r.ResellerOrganisationId, out var n) ? n : 0,
            organisations.TryGetValue(r.ResellerOrganisationId, out var o) ? o.CommercialTenantId : null,
            organisations.TryGetValue(r.ResellerOrganisationId, out var c) ? c.CountryCode : null))];
    }

    /// <summary>The page's partnerships as the query the database runs (also read by the plan test).</summary>
    internal IQueryable<Partnership> Query(ListIndirectResellersQuery request, Guid tenantId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.Partnerships.AsNoTracking().Where(p => p.TenantId == tenantId && p.Status == PartnershipStatus.Active);
        // Issue 16: every word typed is the start of a word of the reseller's name, or of its PartnerID ("northwind"
        // finds "Contoso Northwind Traders"): one key range each on partnership_name_words' primary key. Ranges, not
        // LIKE: under row-level security only leakproof operators (comparisons) can be index conditions; the words are
        // in collation "C", so [w, w + U+10FFFF) is exactly the words that start with w.
        foreach (var word in WordIndex.Of(request.Search))
        {
            var upper = word + char.ConvertFromUtf32(0x10FFFF);
            query = query.Where(p => db.NameWords.Any(w => w.TenantId == p.TenantId && w.PartnershipId == p.Id
                && string.Compare(w.Word, word) >= 0 && string.Compare(w.Word, upper) < 0));
        }

        // lower() in SQL, as the index ix_partnerships_name has it; never evaluated in .NET.
#pragma warning disable CA1304, CA1311, CA1862
        // Keyset: rows strictly after the cursor in the list's order, ascending or descending; each order is one
        // range of ix_partnerships_name or ix_partnerships_since (tenant_id first), read forwards or backwards.
        var after = request.After;
        IOrderedQueryable<Partnership> ordered;
        if (request.Sort == ResellerSorts.Since)
        {
            if (after is { Since: { } since })
            {
                query = request.Descending
                    ? query.Where(p => p.Since < since || (p.Since == since && p.Id.CompareTo(after.Id) < 0))
                    : query.Where(p => p.Since > since || (p.Since == since && p.Id.CompareTo(after.Id) > 0));
            }

            ordered = request.Descending
                ? query.OrderByDescending(p => p.Since).ThenByDescending(p => p.Id)
                : query.OrderBy(p => p.Since).ThenBy(p => p.Id);
        }
        else
        {
            if (after is not null)
            {
                query = request.Descending
                    ? query.Where(p => string.Compare(p.ResellerName.ToLower(), after.NameKey) < 0
                        || (p.ResellerName.ToLower() == after.NameKey && p.Id.CompareTo(after.Id) < 0))
                    : query.Where(p => string.Compare(p.ResellerName.ToLower(), after.NameKey) > 0
                        || (p.ResellerName.ToLower() == after.NameKey && p.Id.CompareTo(after.Id) > 0));
            }

            ordered = request.Descending
                ? query.OrderByDescending(p => p.ResellerName.ToLower()).ThenByDescending(p => p.Id)
                : query.OrderBy(p => p.ResellerName.ToLower()).ThenBy(p => p.Id);
        }

        return ordered.Take(request.Take);
#pragma warning restore CA1304, CA1311, CA1862
    }
}

/// <summary>One active partnership of the tenant by id (the removal confirmation page), or null.</summary>
internal sealed record GetActivePartnershipQuery(Guid PartnershipId) : IRequest<PartnershipDto?>;

internal sealed class GetActivePartnershipHandler(RelationshipsDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<GetActivePartnershipQuery, PartnershipDto?>
{
    public async Task<PartnershipDto?> Handle(GetActivePartnershipQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var row = await db.Partnerships.AsNoTracking()
            .FirstOrDefaultAsync(p => p.TenantId == tenant.Id && p.Id == request.PartnershipId && p.Status == PartnershipStatus.Active, cancellationToken);
        return row?.ToDto();
    }
}
