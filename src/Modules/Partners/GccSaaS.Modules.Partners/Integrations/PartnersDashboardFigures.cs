using System.Globalization;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Partners.Data;
using GccSaaS.Modules.Partners.Domain;
using GccSaaS.Modules.Partners.Resources;

namespace GccSaaS.Modules.Partners.Integrations;

/// <summary>
/// The tenant dashboard's Partners figures, for provider users of a tenant linked to a directory
/// organisation: whether it holds the GCC qualification (R-VAL-4) and, for an indirect provider, its open
/// listing change requests next to its listing status (R-PAR-5). Filtered by the current tenant explicitly.
/// </summary>
internal sealed class PartnersDashboardFigures(
    ITenantContextAccessor tenants,
    ICurrentUserAccessor users,
    PartnersDbContext db,
    IStringLocalizer<PartnersResource> l)
    : IDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (tenants.Current is not { } tenant
            || users.Current?.TenantRole is not { } role
            || !GccSaaSRoles.ProviderRoles.Contains(role))
        {
            return [];
        }

        var organisation = await db.PartnerOrganisations.AsNoTracking()
            .Where(o => o.WorkspaceTenantId == tenant.Id)
            .Select(o => new { o.Id, o.Type, o.Qualifications, o.OfficiallyListed })
            .FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            return [];
        }

        var profile = $"/{tenant.Identifier}/profile";
        var qualified = organisation.Qualifications.Contains(PartnerQualifications.GovernmentCommunityCloud);
        var figures = new List<DashboardFigure>
        {
            new("partners.gcc-qualified", l[qualified ? "Figure_GccQualified" : "Figure_GccNotQualified"].Value, qualified ? 1 : 0, profile, Order: 200),
        };
        if (organisation.Type == PartnerType.IndirectProvider)
        {
            var open = await db.ListingChangeRequests.AsNoTracking()
                .LongCountAsync(r => r.RequestedByTenantId == tenant.Id && r.OrganisationId == organisation.Id && r.State == ListingRequestState.Open, cancellationToken);
            var status = l["ListingStatus_" + (organisation.OfficiallyListed ? ListingStatuses.Listed : ListingStatuses.NotListed)].Value;
            figures.Add(new("partners.listing-requests-open", string.Format(CultureInfo.CurrentCulture, l["Figure_OpenListingRequests"].Value, status), open, profile, Order: 210));
        }

        return figures;
    }
}

/// <summary>The platform home's Partners figure: the listing change requests waiting for the Platform admin.</summary>
internal sealed class PartnersPlatformFigures(ICurrentUserAccessor users, PartnersDbContext db, IStringLocalizer<PartnersResource> l)
    : IPlatformDashboardFigures
{
    public async Task<IReadOnlyList<DashboardFigure>> GetAsync(CancellationToken cancellationToken = default)
    {
        if (users.Current?.HasPlatformRole(GccSaaSRoles.PlatformAdmin) != true)
        {
            return [];
        }

        var open = await db.ListingChangeRequests.AsNoTracking().LongCountAsync(r => r.State == ListingRequestState.Open, cancellationToken);
        return [new("partners.platform-listing-requests-open", l["Figure_PlatformOpenListingRequests"].Value, open, "/platform/listing-requests", Order: 200)];
    }
}
