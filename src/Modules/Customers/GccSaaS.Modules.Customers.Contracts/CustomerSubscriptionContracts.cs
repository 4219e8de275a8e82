using MediatR;

namespace GccSaaS.Modules.Customers.Contracts;

/// <summary>
/// R-REL-6, R-ORD-6: a subscription the customer bought directly from the vendor, as the vendor's records hold it on
/// the customer's own tenant. Read-only to every partner.
/// </summary>
public sealed record DirectSubscriptionDto(
    Guid Id,
    Guid CustomerTenantId,
    string OfferName,
    int Quantity,
    string Status,
    string AdvisorOfRecord,
    DateTimeOffset PurchasedAt);

/// <summary>
/// The subscriptions the customer bought directly (oldest first, at most 200), when it is a customer of the tenant
/// (and, when <paramref name="ResellerOrganisationId"/> is given, one associated with that reseller, R-CUS-3); else none.
/// </summary>
public sealed record GetDirectSubscriptionsQuery(Guid TenantId, Guid CustomerId, Guid? ResellerOrganisationId)
    : IRequest<IReadOnlyList<DirectSubscriptionDto>>;

/// <summary>The company names of those of the ids that are customers of the tenant (one query for a page of rows).</summary>
public sealed record GetCustomerNamesQuery(Guid TenantId, IReadOnlyCollection<Guid> CustomerIds)
    : IRequest<IReadOnlyDictionary<Guid, string>>;

/// <summary>
/// R-CUS-3: the ids of the tenant's customers associated with the reseller organisation, so a reseller user's lists
/// across customers (e.g. the subscriptions list) show exactly the customers it may open.
/// </summary>
public sealed record GetResellerCustomerIdsQuery(Guid TenantId, Guid ResellerOrganisationId) : IRequest<IReadOnlyList<Guid>>;
