using GccSaaS.Modules.Customers.Contracts;

namespace GccSaaS.Modules.Ordering.Features;

/// <summary>
/// What a caller may reach of the tenant's customers for ordering (R-CUS-3): every route starts from
/// <see cref="CustomerAsync"/>, which asks Customers with the caller's reseller organisation, so a reseller user
/// reaches only its own customers' carts, orders and subscriptions, and another's are simply not found (404).
/// </summary>
internal sealed class OrderingScope(IMediator mediator, ICurrentUserAccessor users, OrderingRefusals refusals)
{
    public CurrentUser? User => users.Current;

    public bool IsReseller => users.Current?.IsReseller == true;

    /// <summary>The reseller organisation a reseller caller is limited to (none: <see cref="Guid.Empty"/>); null for provider callers.</summary>
    public Guid? ResellerLimit => IsReseller ? users.Current?.ResellerOrganisationId ?? Guid.Empty : null;

    public string ActorName => users.Current?.DisplayName ?? "system";

    /// <summary>The customer's purchase facts, or 404 <c>customer_not_found</c> when the caller may not reach it.</summary>
    public async Task<CustomerPurchaseEligibility> CustomerAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken) =>
        await mediator.Send(new GetCustomerPurchaseEligibilityQuery(tenantId, customerId, ResellerLimit), cancellationToken)
        ?? throw refusals.CustomerNotFound(customerId);

    /// <summary>
    /// R-CUS-6: a change to the customer's carts, orders or subscriptions needs "manage subscriptions": a reseller whose
    /// permission the customer's administrator narrowed is refused (403 <c>delegated_permission_missing</c>).
    /// </summary>
    public async Task<CustomerPurchaseEligibility> CustomerToChangeAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await CustomerAsync(tenantId, customerId, cancellationToken);
        if (!customer.Permissions.Contains(DelegatedPermissions.ManageSubscriptions))
        {
            throw new DomainRuleException(
                "delegated_permission_missing",
                "The customer's administrator has not given your organisation the permission to manage its subscriptions.",
                DomainErrorKind.Forbidden);
        }

        return customer;
    }
}
