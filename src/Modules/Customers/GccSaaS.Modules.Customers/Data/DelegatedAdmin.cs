using GccSaaS.Modules.Customers.Domain;

namespace GccSaaS.Modules.Customers.Data;

/// <summary>R-CUS-3: the delegated admin grants that go with a customer and its reseller association.</summary>
internal static class DelegatedAdmin
{
    public static void GrantProvider(CustomersDbContext db, Guid tenantId, Guid customerTenantId, DateTimeOffset at) =>
        db.DelegatedAdminGrants.Add(new DelegatedAdminGrant
        {
            TenantId = tenantId,
            CustomerTenantId = customerTenantId,
            GranteeKind = GranteeKinds.Provider,
            GrantedAt = at,
        });

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
