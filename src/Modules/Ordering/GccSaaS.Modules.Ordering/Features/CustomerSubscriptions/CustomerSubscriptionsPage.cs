using GccSaaS.Modules.Ordering.Features.AddProducts;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Partners.Contracts;

namespace GccSaaS.Modules.Ordering.Features.CustomerSubscriptions;

/// <summary>
/// R-ORD-3: the customer's subscription list, keyset-paged: what was bought through the partner, active at once, each
/// with its reseller of record (name and MPN ID, R-ORD-4); the carts still open; "Add subscriptions". A reseller user
/// reaches only its own customers (another's is a 404, like a missing one).
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

    public Guid? NextAfter { get; private set; }

    /// <summary>The order just placed (after Buy), to link to its prices.</summary>
    public Guid? PlacedOrder { get; private set; }

    public string? StatusMessage { get; private set; }

    public string TenantIdentifier => tenants.RequireTenant().Identifier;

    public string CustomerPath => $"/{TenantIdentifier}/customers/{Customer?.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? after, Guid? order, CancellationToken cancellationToken)
    {
        var tenant = tenants.RequireTenant();
        Customer = await customers.FindAsync(tenant.Id, id, cancellationToken);
        if (Customer is null)
        {
            return NotFound();
        }

        try
        {
            var rows = await Mediator.Send(new ListSubscriptionsQuery(tenant.Id, id, null, after is { } a ? new IdCursor(a) : null, PageSize + 1), cancellationToken);
            Items = [.. rows.Take(PageSize)];
            NextAfter = rows.Count > PageSize ? Items[^1].Id : null;
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
