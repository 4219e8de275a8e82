using MediatR;

namespace GccSaaS.Modules.Customers.Contracts;

/// <summary>
/// What another module's page shows of a customer it works for (Ordering's Add products, subscriptions and orders):
/// null when the tenant has no such customer, or when <paramref name="ResellerOrganisationId"/> (a reseller caller's
/// organisation) is given and the customer is not associated with it (R-CUS-3).
/// </summary>
public sealed record GetCustomerSummaryQuery(Guid TenantId, Guid CustomerId, Guid? ResellerOrganisationId) : IRequest<CustomerSummary?>;

/// <param name="CustomerTenantId">The customer (its tenant id).</param>
/// <param name="CompanyName">Its company name.</param>
/// <param name="Domain">Its primary domain (<c>name.onmicrosoft.com</c>).</param>
/// <param name="Country">Its two-letter country: the catalogue it buys from.</param>
/// <param name="ResellerOrganisationId">Its reseller, if a reseller is associated (R-CUS-3).</param>
public sealed record CustomerSummary(Guid CustomerTenantId, string CompanyName, string Domain, string Country, Guid? ResellerOrganisationId);
