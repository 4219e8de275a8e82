using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Integrations;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>The keyset of the Indirect resellers list: the lower-cased name, then the id.</summary>
internal sealed record ResellerCursor(string NameKey, Guid Id);

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
    public ResellerCursor Cursor => new(Name.ToLowerInvariant(), PartnershipId);
}

/// <summary>
/// R-REL-2: the tenant's active partnerships by name, searched by name or PartnerID, keyset-paged; the customer
/// counts of the whole page come from ONE <see cref="CountCustomersByResellerQuery"/>, the resellers' tenant IDs
/// and countries (Partner Center's <c>id</c> and <c>location</c>) from ONE <see cref="GetPartnerOrganisationsQuery"/>.
/// </summary>
internal sealed record ListIndirectResellersQuery(string? Search, ResellerCursor? After, int Take) : IRequest<IReadOnlyList<IndirectResellerRow>>;

internal sealed class ListIndirectResellersHandler(RelationshipsDbContext db, ITenantContextAccessor tenants, IMediator mediator)
    : IRequestHandler<ListIndirectResellersQuery, IReadOnlyList<IndirectResellerRow>>
{
    public async Task<IReadOnlyList<IndirectResellerRow>> Handle(ListIndirectResellersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var query = db.Partnerships.AsNoTracking().Where(p => p.TenantId == tenant.Id && p.Status == PartnershipStatus.Active);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + Like.Escape(request.Search.Trim()) + "%";
            query = query.Where(p => EF.Functions.ILike(p.ResellerName, pattern) || EF.Functions.ILike(p.PartnerId, pattern));
        }

        // lower() in SQL, as the index ix_partnerships_name has it; never evaluated in .NET.
#pragma warning disable CA1304, CA1311, CA1862
        if (request.After is { } after)
        {
            query = query.Where(p => string.Compare(p.ResellerName.ToLower(), after.NameKey) > 0
                || (p.ResellerName.ToLower() == after.NameKey && p.Id.CompareTo(after.Id) > 0));
        }

        var rows = await query
            .OrderBy(p => p.ResellerName.ToLower()).ThenBy(p => p.Id)
            .Take(request.Take)
            .Select(p => new { p.Id, p.ResellerOrganisationId, p.ResellerName, p.PartnerId, p.Since })
            .ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
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
