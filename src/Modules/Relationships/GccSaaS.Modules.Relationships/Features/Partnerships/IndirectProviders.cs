using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Relationships.Features.Partnerships;

/// <summary>One indirect provider of a reseller (R-REL-2, the reseller's side).</summary>
internal sealed record IndirectProviderRow(Guid PartnershipId, Guid ProviderOrganisationId, string Name, string PartnerId, string? Location, DateTimeOffset Since, Guid? ProviderTenantId = null);

/// <summary>
/// The calling reseller user's indirect providers. A membership is per tenant, so in this tenant that is the
/// provider whose workspace it is, while its partnership with the reseller's organisation is active.
/// </summary>
internal sealed record ListIndirectProvidersQuery : IRequest<IReadOnlyList<IndirectProviderRow>>;

internal sealed class ListIndirectProvidersHandler(IMediator mediator, ITenantContextAccessor tenants, ICurrentUserAccessor users)
    : IRequestHandler<ListIndirectProvidersQuery, IReadOnlyList<IndirectProviderRow>>
{
    public async Task<IReadOnlyList<IndirectProviderRow>> Handle(ListIndirectProvidersQuery request, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        if (users.Current is not { IsReseller: true, ResellerOrganisationId: { } organisationId }
            || await mediator.Send(new GetPartnershipQuery(tenant.Id, organisationId), cancellationToken) is not { Status: PartnershipStatus.Active } partnership)
        {
            return [];
        }

        var provider = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenant.Id), cancellationToken);
        return [new IndirectProviderRow(partnership.PartnershipId, provider?.Id ?? Guid.Empty, provider?.LegalName ?? tenant.Name,
            provider?.PartnerId ?? string.Empty, provider?.CountryCode, partnership.Since, provider?.CommercialTenantId)];
    }
}

/// <summary>R-REL-2: the reseller's Indirect providers page.</summary>
[NavigationLink("indirect-providers", "/{tenant}/indirect-providers", "Nav_IndirectProviders", 20, Group = PortalGroup.Resellers, Policy = GccSaaSPolicies.ResellerUser)]
[Authorize(Policy = GccSaaSPolicies.TenantMember)]
internal sealed class IndirectProvidersPageModel(IMediator mediator) : PortalPageModel(mediator)
{
    public IReadOnlyList<IndirectProviderRow> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await Mediator.Send(new ListIndirectProvidersQuery(), HttpContext.RequestAborted);
}
