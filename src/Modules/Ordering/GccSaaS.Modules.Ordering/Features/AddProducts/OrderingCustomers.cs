using System.Globalization;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.AddProducts;

/// <summary>A customer as the ordering pages show it: who it is (Customers' summary) and what it may buy (its eligibility).</summary>
internal sealed record OrderingCustomer(CustomerSummary Summary, CustomerPurchaseEligibility Eligibility)
{
    public Guid Id => Summary.CustomerTenantId;

    public string Name => Summary.CompanyName;
}

/// <summary>
/// What every ordering page of a customer starts from: the customer within the caller's reach (R-CUS-3: a reseller user
/// reaches only its own organisation's customers; any other is simply not there, a 404), and the names of resellers.
/// </summary>
internal sealed class OrderingCustomers(IMediator mediator, OrderingScope scope)
{
    public async Task<OrderingCustomer?> FindAsync(Guid tenantId, Guid customerId, CancellationToken cancellationToken)
    {
        var summary = await mediator.Send(new GetCustomerSummaryQuery(tenantId, customerId, scope.ResellerLimit), cancellationToken);
        if (summary is null)
        {
            return null;
        }

        var eligibility = await mediator.Send(new GetCustomerPurchaseEligibilityQuery(tenantId, customerId, scope.ResellerLimit), cancellationToken);
        return eligibility is null ? null : new OrderingCustomer(summary, eligibility);
    }

    /// <summary>The partner directory's organisations of these resellers (a page names a few at most).</summary>
    public async Task<IReadOnlyDictionary<Guid, PartnerOrganisationDto>> ResellersAsync(IEnumerable<Guid?> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<Guid, PartnerOrganisationDto>();
        foreach (var id in ids.OfType<Guid>().Distinct())
        {
            if (await mediator.Send(new GetPartnerOrganisationQuery(id), cancellationToken) is { } organisation)
            {
                found[id] = organisation;
            }
        }

        return found;
    }

    /// <summary>The reseller organisation of a reseller user (its name and MPN ID), or null for provider users.</summary>
    public async Task<PartnerOrganisationDto?> OwnResellerAsync(CancellationToken cancellationToken) =>
        scope.ResellerLimit is { } own && own != Guid.Empty
            ? await mediator.Send(new GetPartnerOrganisationQuery(own), cancellationToken)
            : null;
}

/// <summary>How the ordering pages write plans (a term and a billing cycle in one form value) and amounts.</summary>
internal static class OrderingText
{
    public static string Plan(string term, string cycle) => term + ":" + cycle;

    /// <summary>The plan a form value names: a known term and billing cycle, or empty strings (the cart's input rules refuse them).</summary>
    public static (string Term, string Cycle) ParsePlan(string? value)
    {
        var parts = (value ?? string.Empty).Split(':');
        return parts.Length == 2 && TermDurations.All.Contains(parts[0]) && BillingCycles.All.Contains(parts[1])
            ? (parts[0], parts[1])
            : (string.Empty, string.Empty);
    }

    public static string Money(decimal amount, string currency) =>
        amount.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;
}
