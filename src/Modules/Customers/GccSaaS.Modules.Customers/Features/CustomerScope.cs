using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;

namespace GccSaaS.Modules.Customers.Features;

/// <summary>
/// R-CUS-3: what a caller may see of the tenant's customers. A reseller user sees only the customers associated
/// with its own organisation (a reseller without one sees none); provider users see all. Every list, search,
/// page and API route starts from <see cref="Visible"/>, so another reseller's customer is simply not found (404).
/// </summary>
internal sealed class CustomerScope(CustomersDbContext db, ICurrentUserAccessor users, TimeProvider clock)
{
    public CurrentUser? User => users.Current;

    public bool IsReseller => users.Current?.IsReseller == true;

    /// <summary>The reseller organisation a reseller caller is limited to; null for provider callers.</summary>
    public Guid? ResellerLimit => IsReseller ? users.Current?.ResellerOrganisationId ?? Guid.Empty : null;

    public IQueryable<Customer> Visible(Guid tenantId)
    {
        var query = db.Customers.Where(c => c.TenantId == tenantId);
        if (ResellerLimit is { } organisation)
        {
            // R-CUS-6, ADR 0020: a reseller reaches a customer only while it holds delegated admin rights on it: the
            // customer's administrator removing them ends the reseller's access at its next request.
            var grants = DelegatedAdmin.Active(db, tenantId, clock.GetUtcNow());
            query = query.Where(c => c.ResellerOrganisationId == organisation
                && grants.Any(g => g.CustomerTenantId == c.CustomerTenantId && g.GranteeKind == GranteeKinds.Reseller && g.GranteeOrganisationId == organisation));
        }

        return query;
    }

    /// <summary>Provider acts (add a customer, change its reseller, attest an agreement): a reseller caller is refused.</summary>
    public void EnsureProvider(string code, string message)
    {
        if (IsReseller)
        {
            throw new DomainRuleException(code, message, DomainErrorKind.Forbidden);
        }
    }

    /// <summary>
    /// R-CUS-6: a reseller caller needs <paramref name="permission"/> on the customer (the customer's administrator may
    /// have narrowed the reseller's default permissions); provider callers hold every permission their grant gives.
    /// </summary>
    public async Task EnsurePermissionAsync(Guid tenantId, Guid customerTenantId, string permission, CancellationToken cancellationToken)
    {
        if (ResellerLimit is not { } organisation)
        {
            return;
        }

        var permissions = await DelegatedAdmin.PermissionsAsync(db, tenantId, customerTenantId, organisation, clock.GetUtcNow(), cancellationToken);
        if (permissions is null)
        {
            throw NotFound(customerTenantId);
        }

        if (!permissions.Contains(permission))
        {
            throw DelegatedAdmin.PermissionMissing(permission);
        }
    }

    public static DomainRuleException NotFound(Guid customerId) =>
        new(CustomerErrorCodes.CustomerNotFound, $"There is no customer {customerId}.", DomainErrorKind.NotFound);
}
