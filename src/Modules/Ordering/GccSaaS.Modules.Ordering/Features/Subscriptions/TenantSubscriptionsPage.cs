using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// The provider-wide subscriptions list (<c>/{tenant}/subscriptions</c>): every customer's subscriptions, newest first
/// or oldest first (<c>?sort=purchased</c>), filtered by reseller of record, offer family and status, 25/50/100 rows a
/// page, keyset pages forwards and back (the one <see cref="PortalList"/>), exportable to CSV with the same filters. A
/// reseller user sees only its own customers' subscriptions (R-CUS-3). A reseller, family or status the page would not
/// offer is ignored, as the offers page does. The filter by offer (<c>?offer=</c>, an offer id of the catalogue, issue 16)
/// is one range of the index on tenant, offer and id; an offer that is not one of the catalogue's answers 400, like a
/// malformed sort, since the page only ever links to the catalogue's.
/// </summary>
[NavigationLink("subscriptions", "/{tenant}/subscriptions", "Nav_Subscriptions", 46, Group = PortalGroup.Customers)]
[Authorize(Policy = OrderingPolicies.CanOrder)]
internal sealed class TenantSubscriptionsPageModel(IMediator mediator, ITenantContextAccessor tenants, OrderingScope scope) : PortalPageModel(mediator)
{
    public const int PageSize = 50;

    public IReadOnlyList<TenantSubscriptionRow> Rows { get; private set; } = [];

    public IReadOnlyList<PartnershipDto> Resellers { get; private set; } = [];

    public bool IsProvider => !scope.IsReseller;

    public string? Reseller { get; private set; }

    public string? Family { get; private set; }

    public string? Status { get; private set; }

    /// <summary>The offer the list is filtered by (its id), none for every offer.</summary>
    public string? Offer { get; private set; }

    /// <summary>The catalogue's offers, to filter by, by display name.</summary>
    public IReadOnlyList<OfferChoice> Offers { get; private set; } = [];

    /// <summary>The list's sort (newest or oldest first), page size and pages.</summary>
    public IPortalList? List { get; private set; }

    /// <summary>The filters, and the order when one was asked for, as a query string (for the export, which follows the page).</summary>
    public string FilterQuery { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string? reseller, string? family, string? status, CancellationToken cancellationToken)
    {
        if (!PortalList.TryRead<IdCursor>(HttpContext, TenantSubscriptionSorts.All, PageSize, out var list, defaultSort: "-" + TenantSubscriptionSorts.Purchased))
        {
            return BadRequest();
        }

        // One offer at most, and one of the catalogue's: anything else is no link of this page (400, never 500 or an empty list).
        var offerValues = Request.Query["offer"];
        var offer = offerValues.Count == 1 && offerValues[0] is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : null;
        if (offerValues.Count > 1 || (offer is not null && !TenantSubscriptionFilter.IsWellFormedOfferId(offer)))
        {
            return BadRequest();
        }

        Offers = await Mediator.Send(new ListOfferChoicesQuery(), cancellationToken);
        if (offer is not null)
        {
            offer = Offers.FirstOrDefault(o => string.Equals(o.Id, offer, StringComparison.OrdinalIgnoreCase))?.Id;
            if (offer is null)
            {
                return BadRequest();
            }
        }

        var tenant = tenants.RequireTenant();
        var (filter, failures) = TenantSubscriptionFilter.Parse(reseller, family, status, "reseller");
        if (failures.Count > 0)
        {
            (filter, _) = TenantSubscriptionFilter.Parse(
                failures.Any(f => f.Field == "reseller") ? null : reseller,
                failures.Any(f => f.Field == "productFamily") ? null : family,
                failures.Any(f => f.Field == "status") ? null : status,
                "reseller");
        }

        Reseller = filter.WithoutReseller ? TenantSubscriptionFilter.NoReseller : filter.ResellerPartnerId;
        Family = filter.ProductFamily;
        Status = filter.Status;
        Offer = offer;
        filter = filter with { OfferId = offer };
        var sort = Request.Query.ContainsKey(PortalList<IdCursor>.SortParameter) ? (list.Descending ? "-" : string.Empty) + list.SortKey : null;
        FilterQuery = string.Join('&', new[] { ("reseller", Reseller), ("family", Family), ("status", Status), ("offer", Offer), ("sort", sort) }
            .Select(p => p.Item2 is { } value ? p.Item1 + "=" + Uri.EscapeDataString(value) : null)
            .OfType<string>());
        var rows = await Mediator.Send(new ListTenantSubscriptionsQuery(tenant.Id, filter, list.Seek, list.Take, list.ReadDescending), cancellationToken);
        Rows = list.Page(rows, r => new IdCursor(r.Id));
        List = list;
        if (IsProvider)
        {
            Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, SubscriptionDetailsPageModel.MaxResellersListed), cancellationToken);
        }

        return Page();
    }
}
