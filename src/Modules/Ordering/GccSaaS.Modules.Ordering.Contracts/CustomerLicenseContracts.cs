using MediatR;

namespace GccSaaS.Modules.Ordering.Contracts;

/// <summary>
/// R-ORD-7: the licenses the current tenant's active CSP subscriptions give one customer, per product: only the
/// product and the summed license count, never a subscription id, price, term, reseller of record or order. The
/// customer's workspace asks each provider tenant that holds the customer (ADR 0020).
/// </summary>
public sealed record GetCustomerLicensesQuery(Guid CustomerTenantId) : IRequest<IReadOnlyList<ProductLicenses>>;

/// <param name="ProductId">The catalogue's product (offer) id, e.g. <c>O365-G3-GCC</c>: the same for every subscription of it.</param>
/// <param name="ProductName">The product's name as the catalogue shows it.</param>
/// <param name="Purchased">Licenses summed over every active subscription of the product.</param>
public sealed record ProductLicenses(string ProductId, string ProductName, int Purchased);
