using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Integrations;

/// <summary>
/// R-REL-4, R-REL-6: a customer administrator accepted a reseller relationship request, so the customer tenant
/// joins the provider's customers (associated with the reseller when the request named one, R-CUS-3). Its
/// direct subscriptions, advisors of record and any other provider's link stay exactly as they were.
/// </summary>
internal sealed class CustomerRelationshipAcceptedHandler(CustomersDbContext db)
    : IdempotentNotificationHandler<CustomerRelationshipAcceptedNotification, CustomersDbContext>(db)
{
    protected override async Task HandleOnceAsync(CustomerRelationshipAcceptedNotification notification, CancellationToken cancellationToken)
    {
        var tenant = await Db.CustomerTenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == notification.CustomerTenantId, cancellationToken);
        if (tenant is null)
        {
            return; // Relationships authenticated this customer tenant through us; a missing one is nothing to add.
        }

        var existing = await Db.Customers.FirstOrDefaultAsync(
            c => c.TenantId == notification.TenantId && c.CustomerTenantId == notification.CustomerTenantId, cancellationToken);
        if (existing is null)
        {
            Db.Customers.Add(new Customer
            {
                TenantId = notification.TenantId,
                CustomerTenantId = tenant.Id,
                CompanyName = tenant.CompanyName,
                SortName = tenant.CompanyName.ToLowerInvariant(),
                Domain = tenant.Domain,
                ResellerOrganisationId = notification.ResellerOrganisationId,
                Origin = CustomerOrigins.Relationship,
                CreatedByName = notification.AcceptedBy,
                CreatedAt = notification.AcceptedAt,
            });
            DelegatedAdmin.GrantProvider(Db, notification.TenantId, tenant.Id, notification.AcceptedAt);
            if (notification.ResellerOrganisationId is { } reseller)
            {
                DelegatedAdmin.GrantReseller(Db, notification.TenantId, tenant.Id, reseller, notification.AcceptedAt);
            }

            return;
        }

        // Already the provider's customer: a reseller named by the request is associated only if none is yet.
        if (existing.ResellerOrganisationId is null && notification.ResellerOrganisationId is { } newReseller)
        {
            existing.ResellerOrganisationId = newReseller;
            DelegatedAdmin.GrantReseller(Db, notification.TenantId, tenant.Id, newReseller, notification.AcceptedAt);
        }
    }
}
