using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// The provider-wide subscriptions list (<c>/{tenant}/subscriptions</c>): every customer's subscriptions, oldest first,
/// filtered by reseller of record, offer family and status, keyset-paged, exportable to CSV with the same filters. A
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

    public Guid? NextAfter { get; private set; }

    /// <summary>The filters as a query string (for the next page and the export).</summary>
    public string FilterQuery { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? reseller, string? family, string? status, Guid? after, CancellationToken cancellationToken)
    {
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
        FilterQuery = string.Join('&', new[] { ("reseller", Reseller), ("family", Family), ("status", Status) }
            .Select(p => p.Item2 is { } value ? p.Item1 + "=" + Uri.EscapeDataString(value) : null)
            .OfType<string>());
        var rows = await Mediator.Send(new ListTenantSubscriptionsQuery(tenant.Id, filter, after is { } a ? new IdCursor(a) : null, PageSize + 1), cancellationToken);
        Rows = [.. rows.Take(PageSize)];
        NextAfter = rows.Count > PageSize ? Rows[^1].Id : null;
        if (IsProvider)
        {
            Resellers = await Mediator.Send(new SearchActivePartnershipsQuery(tenant.Id, null, SubscriptionDetailsPageModel.MaxResellersListed), cancellationToken);
        }
    }
}
