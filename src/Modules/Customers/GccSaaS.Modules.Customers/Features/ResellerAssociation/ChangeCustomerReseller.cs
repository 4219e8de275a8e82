using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Customers.Data;
using GccSaaS.Modules.Customers.Domain;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Customers.Features.ResellerAssociation;

/// <summary>
/// R-CUS-3: associate a customer with a partnered reseller, or change it, which moves the reseller's delegated
/// admin grant (the provider's own grant stays). R-PC-4: only a reseller with an active partnership; R-PC-11:
/// removing the reseller (null) is a Global admin's act.
/// </summary>
internal sealed record ChangeCustomerResellerCommand(Guid TenantId, Guid CustomerId, Guid? ResellerOrganisationId) : IRequest<Customer>;

internal sealed class ChangeCustomerResellerHandler(
    CustomersDbContext db,
    CustomerScope scope,
    ITenantContextAccessor tenants,
    IMediator mediator,
    TimeProvider clock)
    : IRequestHandler<ChangeCustomerResellerCommand, Customer>
{
    public async Task<Customer> Handle(ChangeCustomerResellerCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = tenants.RequireTenant();
        scope.EnsureProvider(CustomerErrorCodes.ResellerCannotManage, "Your indirect provider associates customers with resellers.");
        var customer = await scope.Visible(request.TenantId).FirstOrDefaultAsync(c => c.CustomerTenantId == request.CustomerId, cancellationToken)
            ?? throw CustomerScope.NotFound(request.CustomerId);
        if (customer.ResellerOrganisationId == request.ResellerOrganisationId)
        {
            return customer;
        }

        if (request.ResellerOrganisationId is { } reseller)
        {
            var partnership = await mediator.Send(new GetPartnershipQuery(tenant.Id, reseller), cancellationToken);
            if (partnership is not { Status: PartnershipStatus.Active })
            {
                throw new DomainRuleException(CustomerErrorCodes.ResellerPartnershipNotActive,
                    "You can associate a customer only with an indirect reseller whose partnership with you is active.");
            }
        }
        else if (scope.User?.TenantRole != GccSaaSRoles.GlobalAdmin)
        {
            throw new DomainRuleException(CustomerErrorCodes.GlobalAdminRequired, "Removing a reseller from a customer is a Global admin's act.", DomainErrorKind.Forbidden);
        }

        var now = clock.GetUtcNow();
        customer.ResellerOrganisationId = request.ResellerOrganisationId;
        await db.DelegatedAdminGrants
            .Where(g => g.TenantId == tenant.Id && g.CustomerTenantId == customer.CustomerTenantId && g.GranteeKind == GranteeKinds.Reseller)
            .ExecuteDeleteAsync(cancellationToken);
        if (request.ResellerOrganisationId is { } associated)
        {
            DelegatedAdmin.GrantReseller(db, tenant.Id, customer.CustomerTenantId, associated, now);
        }

        // Announced with the change, in this transaction (webhook customer.reseller_associated): a reseller's endpoint
        // hears it only when the customer is now its own.
        db.EnqueueNotification(new CustomerResellerAssociatedNotification(tenant.Id, customer.CustomerTenantId, request.ResellerOrganisationId, now), clock);
        return customer;
    }
}
