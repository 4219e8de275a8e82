using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// <c>/v1</c> names an indirect reseller as Partner Center does, by its commercial tenant ID (<c>associatedPartnerId</c>,
/// the <c>IndirectReseller</c> filter, the relationships list's <c>id</c>); the module and the portal keep the partner
/// directory's organisation id. These two translations are the only place the API crosses from one to the other, and
/// they ask Partners through its contracts.
/// </summary>
internal static class ResellerTenantIds
{
    /// <summary>
    /// The organisation id of the reseller with this tenant ID; null for null. A tenant ID the directory does not
    /// know is refused as a reseller without an active partnership, exactly as a known reseller without one is.
    /// </summary>
    public static async Task<Guid?> OrganisationIdAsync(IMediator mediator, Guid? resellerTenantId, CancellationToken cancellationToken)
    {
        if (resellerTenantId is not { } tenantId)
        {
            return null;
        }

        var organisation = await mediator.Send(new GetPartnerOrganisationByTenantIdQuery(tenantId), cancellationToken);
        return organisation?.Id ?? throw new DomainRuleException(CustomerErrorCodes.ResellerPartnershipNotActive,
            "You can add or associate a customer for an indirect reseller only while your partnership with it is active.");
    }

    /// <summary>The tenant IDs of these organisations (one page's resellers) in ONE query, by organisation id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Guid>> TenantIdsAsync(IMediator mediator, IEnumerable<Guid?> organisationIds, CancellationToken cancellationToken)
    {
        var ids = organisationIds.OfType<Guid>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, Guid>();
        }

        var organisations = await mediator.Send(new GetPartnerOrganisationsQuery(ids), cancellationToken);
        return organisations.ToDictionary(o => o.Id, o => o.CommercialTenantId);
    }

    /// <summary>The tenant ID of one organisation, or null when there is none.</summary>
    public static async Task<Guid?> TenantIdAsync(IMediator mediator, Guid? organisationId, CancellationToken cancellationToken)
    {
        if (organisationId is not { } id)
        {
            return null;
        }

        var organisation = await mediator.Send(new GetPartnerOrganisationQuery(id), cancellationToken);
        return organisation?.CommercialTenantId;
    }

    public static Guid? Lookup(this IReadOnlyDictionary<Guid, Guid> tenantIds, Guid? organisationId) =>
        organisationId is { } id && tenantIds.TryGetValue(id, out var tenantId) ? tenantId : null;
}
