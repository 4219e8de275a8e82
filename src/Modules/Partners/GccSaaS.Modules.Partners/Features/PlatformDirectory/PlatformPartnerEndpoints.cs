using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Partners.Features.PlatformDirectory;

/// <summary>
/// The platform admin's partner directory over the API (<c>/v1/platform/partners</c>, platform API keys,
/// ADR 0011): search with continuation paging, read one, create, edit. Platform level: no tenant reaches it.
/// </summary>
internal static class PlatformPartnerEndpoints
{
    public static RouteGroupBuilder MapPlatformPartnerEndpoints(this RouteGroupBuilder v1)
    {
        var partners = v1.MapGroup("/platform/partners").RequireAuthorization(GccSaaSPolicies.PlatformAdmin);
        partners.MapGet("/", ListAsync)
            .WithName("ListPlatformPartners")
            .WithSummary("The partner directory, ordered by legal name; ?q= searches the name, or matches a PartnerID or commercial tenant ID exactly.");
        partners.MapGet("/{id:guid}", GetAsync)
            .WithName("GetPlatformPartner")
            .WithSummary("One organisation of the partner directory.");
        return v1;
    }

    private static async Task<ResourceCollection<PlatformPartnerResponse>> ListAsync(
        string? q, ContinuationPage<PartnerCursor> page, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var rows = await PartnerSearch.Apply(db.PartnerOrganisations.AsNoTracking(), q, page.After)
            .Take(page.Take)
            .ToListAsync(cancellationToken);
        return page.ToCollection<PlatformPartnerResponse>(
            [.. rows.Select(PlatformPartnerResponse.From)],
            p => new PartnerCursor(p.LegalName, p.Id));
    }

    private static async Task<PlatformPartnerResponse> GetAsync(Guid id, PartnersDbContext db, CancellationToken cancellationToken)
    {
        var organisation = await db.PartnerOrganisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new DomainRuleException("partner_organisation_not_found", "No organisation of the partner directory has this id.", DomainErrorKind.NotFound);
        return PlatformPartnerResponse.From(organisation);
    }
}

/// <summary>The keyset of the directory's order: legal name, then id.</summary>
internal sealed record PartnerCursor(string Name, Guid Id);

/// <summary>Search and keyset order of the directory, shared by the API and the page.</summary>
internal static class PartnerSearch
{
    public static IQueryable<PartnerOrganisation> Apply(IQueryable<PartnerOrganisation> query, string? q, PartnerCursor? after)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = Guid.TryParse(term, out var tenantId)
                ? query.Where(o => o.CommercialTenantId == tenantId || o.AzureGccTenantId == tenantId)
                : query.Where(o => EF.Functions.ILike(o.LegalName, pattern) || o.PartnerId == term);
        }

        if (after is not null)
        {
            // The database compares with the same collation as it orders by: the keyset holds across pages.
            query = query.Where(o => string.Compare(o.LegalName, after.Name) > 0
                || (o.LegalName == after.Name && o.Id.CompareTo(after.Id) > 0));
        }

        return query.OrderBy(o => o.LegalName).ThenBy(o => o.Id);
    }
}

/// <summary>An organisation of the directory as the platform admin sees it.</summary>
internal sealed record PlatformPartnerResponse(
    Guid Id,
    string LegalName,
    string PartnerId,
    string PartnerType,
    bool CspEnrolled,
    bool PartnerAgreementSigned,
    string CountryCode,
    string CspRegion,
    Guid CommercialTenantId,
    Guid? AzureGccTenantId,
    Guid? WorkspaceTenantId,
    IReadOnlyList<string> Qualifications,
    bool OfficiallyListed,
    string ListingStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    PlatformPartnerAttributes Attributes)
{
    public static PlatformPartnerResponse From(PartnerOrganisation o) => new(
        o.Id, o.LegalName, o.PartnerId, o.Type.ToString(), o.CspEnrolled, o.PartnerAgreementSigned, o.CountryCode, o.CspRegion,
        o.CommercialTenantId, o.AzureGccTenantId, o.WorkspaceTenantId, [.. o.Qualifications], o.OfficiallyListed, o.ListingStatus,
        o.CreatedAt, o.UpdatedAt, new PlatformPartnerAttributes("PartnerOrganization"));
}

internal sealed record PlatformPartnerAttributes(string ObjectType);
