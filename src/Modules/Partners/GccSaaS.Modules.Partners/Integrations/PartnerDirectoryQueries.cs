using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;

namespace GccSaaS.Modules.Partners.Integrations;

/// <summary>The directory's reads, shared by the contract handlers, the API and the pages.</summary>
internal sealed class PartnerDirectory(PartnersDbContext db)
{
    public Task<PartnerOrganisation?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);

    public Task<PartnerOrganisation?> FindByPartnerIdAsync(string partnerId, CancellationToken cancellationToken)
    {
        var normalized = partnerId.Trim();
        return db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.PartnerId == normalized, cancellationToken);
    }

    public Task<PartnerOrganisation?> FindByCommercialTenantIdAsync(Guid commercialTenantId, CancellationToken cancellationToken) =>
        db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.CommercialTenantId == commercialTenantId, cancellationToken);

    public Task<List<PartnerOrganisation>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        db.PartnerOrganisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);

    /// <summary>The organisation the tenant is, or null; always filtered by that tenant explicitly.</summary>
    public Task<PartnerOrganisation?> FindForTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.WorkspaceTenantId == tenantId, cancellationToken);

    /// <summary>R-PAR-4, R-PC-7.</summary>
    public async Task<PartnerIdVerification> VerifyAsync(Guid tenantId, string partnerId, CancellationToken cancellationToken)
    {
        var reseller = string.IsNullOrWhiteSpace(partnerId) ? null : await FindByPartnerIdAsync(partnerId, cancellationToken);
        var provider = reseller is null ? null : await FindForTenantAsync(tenantId, cancellationToken);
        return PartnerIdRules.Verify(partnerId.Trim(), reseller, provider);
    }
}

internal sealed class GetPartnerOrganisationQueryHandler(PartnerDirectory directory)
    : IRequestHandler<GetPartnerOrganisationQuery, PartnerOrganisationDto?>
{
    public async Task<PartnerOrganisationDto?> Handle(GetPartnerOrganisationQuery request, CancellationToken cancellationToken) =>
        (await directory.FindAsync(request.PartnerOrganisationId, cancellationToken))?.ToDto();
}

internal sealed class GetTenantPartnerOrganisationQueryHandler(PartnerDirectory directory)
    : IRequestHandler<GetTenantPartnerOrganisationQuery, PartnerOrganisationDto?>
{
    public async Task<PartnerOrganisationDto?> Handle(GetTenantPartnerOrganisationQuery request, CancellationToken cancellationToken) =>
        (await directory.FindForTenantAsync(request.TenantId, cancellationToken))?.ToDto();
}

internal sealed class VerifyPartnerIdQueryHandler(PartnerDirectory directory)
    : IRequestHandler<VerifyPartnerIdQuery, PartnerIdVerification>
{
    public Task<PartnerIdVerification> Handle(VerifyPartnerIdQuery request, CancellationToken cancellationToken) =>
        directory.VerifyAsync(request.TenantId, request.PartnerId ?? string.Empty, cancellationToken);
}

internal sealed class GetPartnerOrganisationByTenantIdQueryHandler(PartnerDirectory directory)
    : IRequestHandler<GetPartnerOrganisationByTenantIdQuery, PartnerOrganisationDto?>
{
    public async Task<PartnerOrganisationDto?> Handle(GetPartnerOrganisationByTenantIdQuery request, CancellationToken cancellationToken) =>
        (await directory.FindByCommercialTenantIdAsync(request.CommercialTenantId, cancellationToken))?.ToDto();
}

internal sealed class GetPartnerOrganisationsQueryHandler(PartnerDirectory directory)
    : IRequestHandler<GetPartnerOrganisationsQuery, IReadOnlyList<PartnerOrganisationDto>>
{
    public async Task<IReadOnlyList<PartnerOrganisationDto>> Handle(GetPartnerOrganisationsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.PartnerOrganisationIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        if (ids.Count > GetPartnerOrganisationsQuery.MaxIds)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"At most {GetPartnerOrganisationsQuery.MaxIds} organisations per query.");
        }

        return [.. (await directory.FindManyAsync(ids, cancellationToken)).Select(o => o.ToDto())];
    }
}
