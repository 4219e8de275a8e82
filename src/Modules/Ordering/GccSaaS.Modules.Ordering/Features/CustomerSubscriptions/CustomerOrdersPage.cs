using GccSaaS.Modules.Ordering.Features.AddProducts;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.CustomerSubscriptions;

/// <summary>
/// The customer's orders with their lines and the prices recorded at checkout (issue 14, reseller prices): a provider
/// user sees the list price, the markup in force and the reseller's price; a reseller user its own price only.
/// Through the shared list tools (<see cref="PortalList"/>, issue 16): oldest first as <c>GET /v1/customers/{id}/orders</c>
/// or newest first (<c>?sort=-placed</c>, the index on tenant, customer and id serves either), 25/50/100 orders a page,
/// keyset pages forwards and back; a malformed sort, size or page answers 400.
/// </summary>
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class CustomerOrdersPageModel(IMediator mediator, ITenantContextAccessor tenants, OrderingScope scope, OrderingCustomers customers)
    : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public OrderingCustomer? Customer { get; private set; }

    public IReadOnlyList<OrderDto> Items { get; private set; } = [];

    public IReadOnlyDictionary<Guid, PartnerOrganisationDto> Resellers { get; private set; } = new Dictionary<Guid, PartnerOrganisationDto>();

    /// <summary>The list's sort (oldest or newest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    public bool IsReseller => scope.IsReseller;

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public string CustomerPath => $"/{TenantIdentifier}/customers/{Customer?.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<IdCursor>(HttpContext, [CustomerListSorts.Placed], PageSize, out var list))
        {
            return BadRequest();
        }

        var tenant = tenants.RequireTenant();
        Customer = await customers.FindAsync(tenant.Id, id, cancellationToken);
        if (Customer is null)
        {
            return NotFound();
        }

        try
        {
            var rows = await Mediator.Send(new ListOrdersQuery(tenant.Id, id, list.Seek, list.Take, list.ReadDescending), cancellationToken);
            Items = list.Page(rows, o => new IdCursor(o.Id));
            List = list;
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }

        Resellers = await customers.ResellersAsync(Items.Select(x => x.ResellerOrganisationId), cancellationToken);
        return Page();
    }

    /// <summary>What an order costs per billing cycle: (cycle, list total, reseller total when recorded).</summary>
    public static IEnumerable<(string Cycle, string Currency, decimal List, decimal? Reseller)> Totals(OrderDto order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.LineItems.GroupBy(l => l.BillingCycle).Select(g => (
            g.Key,
            order.CurrencyCode,
            g.Sum(l => l.ListPrice * l.Quantity),
            g.All(l => l.ResellerPrice is not null) ? g.Sum(l => (l.ResellerPrice ?? 0m) * l.Quantity) : (decimal?)null));
    }
}
