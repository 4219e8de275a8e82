using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Features.CustomerList;

/// <summary>
/// The names of the indirect resellers that some customer rows are assigned to, for a page or an export batch: only
/// the ids those rows carry are read (one query per 100), so a distributor with thousands of resellers gets every name,
/// not the first few hundred partnerships'. A reseller whose partnership is no longer active has no name here; the
/// list says it is not partnered.
/// </summary>
internal static class ResellerNames
{
    private const int PerQuery = 100;

    public static async Task<Dictionary<Guid, string>> OfAsync(IMediator mediator, Guid tenantId, IEnumerable<Guid?> resellerIds, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in resellerIds.OfType<Guid>().Distinct().Chunk(PerQuery))
        {
            foreach (var partnership in await mediator.Send(new GetPartnershipsByResellerQuery(tenantId, chunk), cancellationToken))
            {
                if (partnership.Status == PartnershipStatus.Active)
                {
                    names[partnership.ResellerOrganisationId] = partnership.ResellerName;
                }
            }
        }

        return names;
    }
}
