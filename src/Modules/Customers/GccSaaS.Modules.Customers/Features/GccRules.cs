using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// R-VAL-4: only a partner holding Government_community_cloud creates or qualifies GCC customers. Asked by
/// adding a customer (its review and its handler) and by requesting a customer's qualification.
/// </summary>
internal static class GccRules
{
    public static async Task<DomainRuleException?> PartnerNotQualifiedAsync(IMediator mediator, Guid tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        var partner = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenantId), cancellationToken);
        return partner is not null && partner.HasQualification(PartnerQualifications.GovernmentCommunityCloud)
            ? null
            : new DomainRuleException(CustomerErrorCodes.PartnerNotGccQualified,
                "Only a partner holding the Government_community_cloud qualification can create GCC customers. Submit your partner GCC validation first.");
    }

    public static async Task EnsurePartnerQualifiedAsync(IMediator mediator, Guid tenantId, CancellationToken cancellationToken)
    {
        if (await PartnerNotQualifiedAsync(mediator, tenantId, cancellationToken) is { } refusal)
        {
            throw refusal;
        }
    }
}
