using GccSaaS.Modules.Customers.Contracts;
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

    /// <summary>The tenant's grants still in force at <paramref name="now"/> (an ended grant is gone even before the job removes it).</summary>
    public static IQueryable<DelegatedAdminGrant> Active(CustomersDbContext db, Guid tenantId, DateTimeOffset now) =>
        db.DelegatedAdminGrants.Where(g => g.TenantId == tenantId && (g.EndsAt == null || g.EndsAt > now));

    /// <summary>
    /// R-CUS-6: the permissions a grantee holds on the customer (the provider when <paramref name="resellerOrganisationId"/>
    /// is null: all), or null when it holds no grant in force.
    /// </summary>
    public static async Task<IReadOnlyList<string>?> PermissionsAsync(
        CustomersDbContext db, Guid tenantId, Guid customerTenantId, Guid? resellerOrganisationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = resellerOrganisationId is null ? GranteeKinds.Provider : GranteeKinds.Reseller;
        var grant = await Active(db, tenantId, now).AsNoTracking()
            .Where(g => g.CustomerTenantId == customerTenantId && g.GranteeKind == kind && g.GranteeOrganisationId == resellerOrganisationId)
            .Select(g => new { g.Permissions })
            .FirstOrDefaultAsync(cancellationToken);
        return grant is null ? null : grant.Permissions ?? DelegatedPermissions.Defaults;
    }

    public static DomainRuleException PermissionMissing(string permission) => new(
        CustomerErrorCodes.DelegatedPermissionMissing,
        $"The customer's administrator has not given your organisation the permission '{permission}' on this customer.",
        DomainErrorKind.Forbidden);
}
