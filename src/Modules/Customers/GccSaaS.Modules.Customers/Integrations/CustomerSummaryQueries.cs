using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;

namespace GccSaaS.Modules.Customers.Integrations;

/// <summary>A customer's name, domain and country for another module's page, within the caller's reach (R-CUS-3).</summary>
internal sealed class GetCustomerSummaryHandler(CustomersDbContext db) : IRequestHandler<GetCustomerSummaryQuery, CustomerSummary?>
{
    public async Task<CustomerSummary?> Handle(GetCustomerSummaryQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await db.Customers.AsNoTracking()
            .Where(c => c.TenantId == request.TenantId && c.CustomerTenantId == request.CustomerId)
            .Where(c => request.ResellerOrganisationId == null || c.ResellerOrganisationId == request.ResellerOrganisationId)
            .Join(db.CustomerTenants, c => c.CustomerTenantId, t => t.Id, (c, t) => new CustomerSummary(c.CustomerTenantId, c.CompanyName, c.Domain, t.Country, c.ResellerOrganisationId))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
