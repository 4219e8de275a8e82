using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// The provider-wide subscriptions list (<c>/{tenant}/subscriptions</c>): every customer's subscriptions, newest first
/// or oldest first (<c>?sort=purchased</c>), filtered by reseller of record, offer family and status, 25/50/100 rows a
/// page, keyset pages forwards and back (the one <see cref="PortalList"/>), exportable to CSV with the same filters. A
/// reseller user sees only its own customers' subscriptions (R-CUS-3). A filter value the page would not offer is
/// ignored, as the offers page does.
/// </summary>
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
        var sort = Request.Query.ContainsKey(PortalList<IdCursor>.SortParameter) ? (list.Descending ? "-" : string.Empty) + list.SortKey : null;
        FilterQuery = string.Join('&', new[] { ("reseller", Reseller), ("family", Family), ("status", Status), ("sort", sort) }
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
