using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;

namespace GccSaaS.Modules.Customers.Integrations;

/// <summary>What Ordering asks of Customers to show subscriptions: direct ones, customer names, a reseller's customers.</summary>
internal sealed class CustomerSubscriptionQueries(CustomersDbContext db)
    : IRequestHandler<GetDirectSubscriptionsQuery, IReadOnlyList<DirectSubscriptionDto>>,
      IRequestHandler<GetCustomerNamesQuery, IReadOnlyDictionary<Guid, string>>,
      IRequestHandler<GetResellerCustomerIdsQuery, IReadOnlyList<Guid>>
{
    public const int MaxDirectSubscriptions = 200;

    public async Task<IReadOnlyList<DirectSubscriptionDto>> Handle(GetDirectSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var isCustomer = await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CustomerTenantId == request.CustomerId)
            .Where(c => request.ResellerOrganisationId == null || c.ResellerOrganisationId == request.ResellerOrganisationId)
            .AnyAsync(cancellationToken);
        if (!isCustomer)
        {
            return [];
        }

        return await db.DirectSubscriptions.AsNoTracking()
            .Where(s => s.CustomerTenantId == request.CustomerId)
            .OrderBy(s => s.PurchasedAt).ThenBy(s => s.Id)
            .Take(MaxDirectSubscriptions)
            .Select(s => new DirectSubscriptionDto(s.Id, s.CustomerTenantId, s.OfferName, s.Quantity, s.Status, s.AdvisorOfRecord, s.PurchasedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> Handle(GetCustomerNamesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.CustomerIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && ids.Contains(c.CustomerTenantId))
            .Select(c => new { c.CustomerTenantId, c.CompanyName })
            .ToDictionaryAsync(c => c.CustomerTenantId, c => c.CompanyName, cancellationToken);
    }

    public async Task<IReadOnlyList<Guid>> Handle(GetResellerCustomerIdsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.ResellerOrganisationId == request.ResellerOrganisationId)
            .Select(c => c.CustomerTenantId)
            .ToListAsync(cancellationToken);
    }
}
