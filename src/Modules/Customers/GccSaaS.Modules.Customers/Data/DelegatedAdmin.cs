using GccSaaS.Modules.Customers.Domain;

namespace GccSaaS.Modules.Customers.Data;

/// <summary>R-CUS-3: the delegated admin grants that go with a customer and its reseller association.</summary>
internal static class DelegatedAdmin
{
    /// <summary>
    /// The provider's grant on its new customer, and the platform-level note that this provider holds the customer
    /// tenant (the customer's workspace finds its CSP subscriptions there, ADR 0020).
    /// </summary>
    public static void GrantProvider(CustomersDbContext db, Guid tenantId, Guid customerTenantId, DateTimeOffset at)
    {
        db.DelegatedAdminGrants.Add(new DelegatedAdminGrant
        {
            TenantId = tenantId,
            CustomerTenantId = customerTenantId,
            GranteeKind = GranteeKinds.Provider,
            GrantedAt = at,
        });
        db.CustomerTenantProviders.Add(new CustomerTenantProvider { CustomerTenantId = customerTenantId, ProviderTenantId = tenantId, Since = at });
    }

    public static void GrantReseller(CustomersDbContext db, Guid tenantId, Guid customerTenantId, Guid resellerOrganisationId, DateTimeOffset at) =>
        db.DelegatedAdminGrants.Add(new DelegatedAdminGrant
        {
            TenantId = tenantId,
            CustomerTenantId = customerTenantId,
            GranteeKind = GranteeKinds.Reseller,
            GranteeOrganisationId = resellerOrganisationId,
            GrantedAt = at,
        });
}
