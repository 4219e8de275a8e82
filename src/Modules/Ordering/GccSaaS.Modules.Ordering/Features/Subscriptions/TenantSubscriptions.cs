using System.Globalization;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Ordering.Resources;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// The filters of the provider-wide subscriptions list: the reseller of record's PartnerID (or
/// <see cref="WithoutReseller"/>: the provider's own sales), the offer's product family, the status, and the offer itself
/// (<see cref="OfferId"/>, the portal's filter, issue 16: one range of the index on tenant, offer and id).
/// </summary>
internal sealed record TenantSubscriptionFilter(string? ResellerPartnerId = null, bool WithoutReseller = false, string? ProductFamily = null, string? Status = null, string? OfferId = null)
{
    /// <summary>The value of the reseller filter that means "no reseller of record".</summary>
    public const string NoReseller = "none";

    /// <summary>
    /// Whether <paramref name="offer"/> could be an offer id at all (what the catalogue's ids are made of, at most the
    /// column's 40 characters); one that is not is refused (400) before the catalogue is asked.
    /// </summary>
    public static bool IsWellFormedOfferId(string offer) =>
        offer is { Length: > 0 and <= 40 } && offer.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>
    /// The filter from the values a list is asked with (<c>mpn_id</c> or the page's <c>reseller</c>, <c>productFamily</c>,
    /// <c>status</c>), or the failures of those that are not valid.
    /// </summary>
    public static (TenantSubscriptionFilter Filter, IReadOnlyList<ValidationFailure> Failures) Parse(string? reseller, string? family, string? status, string resellerField)
    {
        var failures = new List<ValidationFailure>();
        reseller = string.IsNullOrWhiteSpace(reseller) ? null : reseller.Trim();
        family = string.IsNullOrWhiteSpace(family) ? null : family.Trim();
        status = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        var withoutReseller = string.Equals(reseller, NoReseller, StringComparison.OrdinalIgnoreCase);
        if (reseller is not null && !withoutReseller && !PartnerIds.IsWellFormed(reseller))
        {
            failures.Add(new(resellerField, "invalid", "The reseller is its PartnerID (digits), or none for subscriptions without a reseller of record."));
        }

        var knownFamily = family is null ? null : ProductFamilies.All.FirstOrDefault(f => string.Equals(f, family, StringComparison.OrdinalIgnoreCase));
        if (family is not null && knownFamily is null)
        {
            failures.Add(new("productFamily", "invalid", "The product family is one of " + string.Join(", ", ProductFamilies.All) + "."));
        }

        var knownStatus = status is null ? null : SubscriptionLifecycle.All.FirstOrDefault(s => string.Equals(s, status, StringComparison.OrdinalIgnoreCase));
        if (status is not null && knownStatus is null)
        {
            failures.Add(new("status", "invalid", "The status is active or deleted (cancelled)."));
        }

        return (new TenantSubscriptionFilter(withoutReseller ? null : reseller, withoutReseller, knownFamily, knownStatus), failures);
    }
}

/// <summary>One row of the provider-wide list: the subscription and its customer's name.</summary>
internal sealed record TenantSubscriptionRow(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string OfferId,
    string OfferName,
    string ProductFamily,
    string Segment,
    int Quantity,
    string TermDuration,
    string BillingCycle,
    string Status,
    bool AutoRenewEnabled,
    string? ResellerPartnerId,
    DateTimeOffset CreatedAt,
    DateTimeOffset CommitmentEndsAt);

/// <summary>
/// The tenant's subscriptions across its customers, oldest first or, <paramref name="Descending"/>, newest first (ids
/// are version 7, so id order is creation order: the primary key on tenant and id serves either), keyset-paged by id,
/// filtered. Provider users see every customer's; a reseller user only those of the customers associated with its
/// organisation (R-CUS-3), exactly the ones whose details it may open.
/// </summary>
internal sealed record ListTenantSubscriptionsQuery(Guid TenantId, TenantSubscriptionFilter Filter, IdCursor? After, int Take, bool Descending = false)
    : IRequest<IReadOnlyList<TenantSubscriptionRow>>;

/// <summary>The orders the provider-wide subscriptions list offers: when purchased (id order).</summary>
internal static class TenantSubscriptionSorts
{
    public const string Purchased = "purchased";

    public static readonly IReadOnlyList<string> All = [Purchased];
}

internal sealed class ListTenantSubscriptionsHandler(OrderingDbContext db, OrderingScope scope, IMediator mediator)
    : IRequestHandler<ListTenantSubscriptionsQuery, IReadOnlyList<TenantSubscriptionRow>>
{
    public async Task<IReadOnlyList<TenantSubscriptionRow>> Handle(ListTenantSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyCollection<Guid>? customers = null;
        if (scope.ResellerLimit is { } organisation)
        {
            customers = await mediator.Send(new GetResellerCustomerIdsQuery(request.TenantId, organisation), cancellationToken);
            if (customers.Count == 0)
            {
                return [];
            }
        }

        var rows = await Query(request, customers).ToListAsync(cancellationToken);
        var names = await mediator.Send(new GetCustomerNamesQuery(request.TenantId, [.. rows.Select(r => r.CustomerId).Distinct()]), cancellationToken);
        return
        [
            .. rows.Select(s => new TenantSubscriptionRow(
                s.Id, s.CustomerId, names.GetValueOrDefault(s.CustomerId, string.Empty), s.OfferId, s.OfferName, s.ProductFamily, s.Segment,
                s.Quantity, s.TermDuration, s.BillingCycle, s.Status, s.AutoRenewEnabled, s.ResellerPartnerId, s.CreatedAt, s.CommitmentEndsAt)),
        ];
    }

    /// <summary>
    /// The page's query: the tenant's subscriptions (of <paramref name="customers"/> only, for a reseller user), filtered,
    /// after the cursor, in id order either way, <see cref="ListTenantSubscriptionsQuery.Take"/> rows. The plan tests
    /// explain this very query (issue 16: the filter by offer is one range of the index on tenant, offer and id).
    /// </summary>
    internal IQueryable<Subscription> Query(ListTenantSubscriptionsQuery request, IReadOnlyCollection<Guid>? customers)
    {
        var query = db.Subscriptions.AsNoTracking().Where(s => s.TenantId == request.TenantId);
        if (customers is not null)
        {
            query = query.Where(s => customers.Contains(s.CustomerId));
        }

        var filter = request.Filter;
        if (filter.WithoutReseller)
        {
            query = query.Where(s => s.ResellerPartnerId == null);
        }
        else if (filter.ResellerPartnerId is { } partnerId)
        {
            query = query.Where(s => s.ResellerPartnerId == partnerId);
        }

        if (filter.ProductFamily is { } family)
        {
            query = query.Where(s => s.ProductFamily == family);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (filter.OfferId is { } offer)
        {
            query = query.Where(s => s.OfferId == offer);
        }

        if (request.After is { } after)
        {
            query = request.Descending ? query.Where(s => s.Id < after.Id) : query.Where(s => s.Id > after.Id);
        }

        var ordered = request.Descending ? query.OrderByDescending(s => s.Id) : query.OrderBy(s => s.Id);
        return ordered.Take(request.Take);
    }
}

/// <summary>
/// The provider-wide list as CSV (<c>/{tenant}/subscriptions/export.csv</c>, issue 16) with the page's filters, order and
/// visibility (a reseller user gets only its own customers' subscriptions, R-CUS-3), through the one export mechanism
/// (<see cref="CsvExport"/>): read by id in keyset batches and streamed (constant memory); header and words are in the
/// reader's language.
/// </summary>
internal static class SubscriptionsCsv
{
    public static IEndpointRouteBuilder MapSubscriptionExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport<ListTenantSubscriptionsQuery, TenantSubscriptionRow>("subscriptions", First, (query, last) => query with { After = new IdCursor(last.Id) }, Columns)
            .RequireAuthorization(OrderingPolicies.CanOrder);
        return app;
    }

    /// <summary>
    /// The page's order (newest first unless <c>?sort=purchased</c>; another sort is refused, 400) and filters: a filter
    /// value the page would not offer is left out, as the page shows the list without it; but an offer that cannot be an
    /// offer id is refused (400), as the page refuses it, and one the catalogue does not hold matches nothing.
    /// </summary>
    private static ListTenantSubscriptionsQuery? First(CsvExportRequest request)
    {
        var sort = request.Text("sort") ?? "-" + TenantSubscriptionSorts.Purchased;
        var descending = sort.StartsWith('-');
        if (sort[(descending ? 1 : 0)..] != TenantSubscriptionSorts.Purchased)
        {
            return null;
        }

        string? reseller = request.Text("reseller"), family = request.Text("family"), status = request.Text("status");
        var (filter, failures) = TenantSubscriptionFilter.Parse(reseller, family, status, "reseller");
        if (failures.Count > 0)
        {
            (filter, _) = TenantSubscriptionFilter.Parse(
                failures.Any(f => f.Field == "reseller") ? null : reseller,
                failures.Any(f => f.Field == "productFamily") ? null : family,
                failures.Any(f => f.Field == "status") ? null : status,
                "reseller");
        }

        var offer = request.Http.Request.Query["offer"];
        if (offer.Count > 1 || (request.Text("offer") is { } offerId && !TenantSubscriptionFilter.IsWellFormedOfferId(offerId)))
        {
            return null;
        }

        return new ListTenantSubscriptionsQuery(request.Tenant.Id, filter with { OfferId = request.Text("offer") }, null, request.Take, descending);
    }

    private static CsvColumns<TenantSubscriptionRow> Columns(CsvExportRequest request)
    {
        var o = request.Service<IStringLocalizer<OrderingResource>>();
        return new(o)
        {
            { "SubscriptionsCsv_Id", r => r.Id.ToString("D") },
            { "SubscriptionsCsv_CustomerId", r => r.CustomerId.ToString("D") },
            { "Subscriptions_Customer", r => r.CustomerName },
            { "SubscriptionsCsv_OfferId", r => r.OfferId },
            { "Offers_Name", r => r.OfferName },
            { "Offers_Family", r => o["Family_" + r.ProductFamily].Value },
            { "Offers_Segment", r => r.Segment },
            { "Subscription_Quantity", r => r.Quantity.ToString(CultureInfo.InvariantCulture) },
            { "Subscription_Term", r => r.TermDuration },
            { "SubscriptionsCsv_BillingCycle", r => r.BillingCycle },
            { "Subscription_Status", r => o["SubscriptionStatus_" + r.Status].Value },
            { "Subscription_AutoRenew", r => o[r.AutoRenewEnabled ? "Subscription_On" : "Subscription_Off"].Value },
            { "Subscription_Reseller", r => r.ResellerPartnerId },
            { "Subscription_Purchased", r => CsvExport.Utc(r.CreatedAt) },
            { "Subscription_CommitmentEnds", r => CsvExport.Utc(r.CommitmentEndsAt) },
        };
    }
}
