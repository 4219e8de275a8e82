using GccSaaS.Modules.Ordering.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.Modules.Ordering.Features.CustomerLicenses;

/// <summary>
/// R-ORD-7: one grouped query over the current tenant's active subscriptions of the customer; what leaves is the
/// product and its summed license count only.
/// </summary>
internal sealed class GetCustomerLicensesHandler(OrderingDbContext db, ITenantContextAccessor tenants)
    : IRequestHandler<GetCustomerLicensesQuery, IReadOnlyList<ProductLicenses>>
{
    public async Task<IReadOnlyList<ProductLicenses>> Handle(GetCustomerLicensesQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.TenantId == tenant.Id && s.CustomerId == request.CustomerTenantId && s.Status == SubscriptionStatuses.Active)
            .GroupBy(s => new { s.OfferId, s.OfferName })
            .Select(g => new { g.Key.OfferId, g.Key.OfferName, Purchased = g.Sum(s => s.Quantity) })
            .OrderBy(r => r.OfferName)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ProductLicenses(r.OfferId, r.OfferName, r.Purchased))];
    }
}
