using GccSaaS.Modules.Ordering.Features.AddProducts;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.CustomerSubscriptions;

/// <summary>
/// R-ORD-3: the customer's subscription list: what was bought through the partner, active at once, each with its
/// reseller of record (name and MPN ID, R-ORD-4); the carts still open; "Add subscriptions". Through the shared list
/// tools (<see cref="PortalList"/>, issue 16): oldest or newest first (<c>?sort=-purchased</c>, the index on tenant,
/// customer and id serves either), 25/50/100 rows a page, keyset pages forwards and back; a malformed sort, size or
/// page answers 400. A reseller user reaches only its own customers (another's is a 404, like a missing one).
/// </summary>
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class CustomerSubscriptionsPageModel(IMediator mediator, ITenantContextAccessor tenants, OrderingCustomers customers)
    : PortalPageModel(mediator)
{
    public const int PageSize = 25;

    public OrderingCustomer? Customer { get; private set; }

    public IReadOnlyList<SubscriptionDto> Items { get; private set; } = [];

    public IReadOnlyDictionary<Guid, PartnerOrganisationDto> Resellers { get; private set; } = new Dictionary<Guid, PartnerOrganisationDto>();

    public IReadOnlyList<OpenCartDto> OpenCarts { get; private set; } = [];

    /// <summary>The list's sort (oldest or newest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The order just placed (after Buy), to link to its prices.</summary>
    public Guid? PlacedOrder { get; private set; }

    public string? StatusMessage { get; private set; }

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public string CustomerPath => $"/{TenantIdentifier}/customers/{Customer?.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? order, CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<IdCursor>(HttpContext, [CustomerListSorts.Purchased], PageSize, out var list))
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
            var rows = await Mediator.Send(new ListSubscriptionsQuery(tenant.Id, id, null, list.Seek, list.Take, list.ReadDescending), cancellationToken);
            Items = list.Page(rows, s => new IdCursor(s.Id));
            List = list;
            OpenCarts = await Mediator.Send(new ListOpenCartsQuery(tenant.Id, id, 10), cancellationToken);
        }
        catch (DomainRuleException ex) when (ex.Kind == DomainErrorKind.NotFound)
        {
            return NotFound();
        }

        Resellers = await customers.ResellersAsync(Items.Select(s => s.ResellerOrganisationId), cancellationToken);
        PlacedOrder = order;
        StatusMessage = TempData["Status"] as string; // shown once
        return Page();
    }
}
