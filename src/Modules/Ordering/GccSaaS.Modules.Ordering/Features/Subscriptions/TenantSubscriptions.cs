using System.Globalization;
using System.Runtime.CompilerServices;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Orders;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.Modules.Ordering.Features.Subscriptions;

/// <summary>
/// The filters of the provider-wide subscriptions list: the reseller of record's PartnerID (or
/// <see cref="WithoutReseller"/>: the provider's own sales), the offer's product family, the status.
/// </summary>
internal sealed record TenantSubscriptionFilter(string? ResellerPartnerId = null, bool WithoutReseller = false, string? ProductFamily = null, string? Status = null)
{
    /// <summary>The value of the reseller filter that means "no reseller of record".</summary>
    public const string NoReseller = "none";

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
/// The tenant's subscriptions across its customers, oldest first (ids are version 7, so id order is creation order),
/// keyset-paged by id, filtered. Provider users see every customer's; a reseller user only those of the customers
/// associated with its organisation (R-CUS-3), exactly the ones whose details it may open.
/// </summary>
internal sealed record ListTenantSubscriptionsQuery(Guid TenantId, TenantSubscriptionFilter Filter, IdCursor? After, int Take) : IRequest<IReadOnlyList<TenantSubscriptionRow>>;

internal sealed class ListTenantSubscriptionsHandler(OrderingDbContext db, OrderingScope scope, IMediator mediator)
    : IRequestHandler<ListTenantSubscriptionsQuery, IReadOnlyList<TenantSubscriptionRow>>
{
    public async Task<IReadOnlyList<TenantSubscriptionRow>> Handle(ListTenantSubscriptionsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.Subscriptions.AsNoTracking().Where(s => s.TenantId == request.TenantId);
        if (scope.ResellerLimit is { } organisation)
        {
            var customers = await mediator.Send(new GetResellerCustomerIdsQuery(request.TenantId, organisation), cancellationToken);
            if (customers.Count == 0)
            {
                return [];
            }

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

        if (request.After is { } after)
        {
            query = query.Where(s => s.Id > after.Id);
        }

        var rows = await query.OrderBy(s => s.Id).Take(request.Take).ToListAsync(cancellationToken);
        var names = await mediator.Send(new GetCustomerNamesQuery(request.TenantId, [.. rows.Select(r => r.CustomerId).Distinct()]), cancellationToken);
        return
        [
            .. rows.Select(s => new TenantSubscriptionRow(
                s.Id, s.CustomerId, names.GetValueOrDefault(s.CustomerId, string.Empty), s.OfferId, s.OfferName, s.ProductFamily, s.Segment,
                s.Quantity, s.TermDuration, s.BillingCycle, s.Status, s.AutoRenewEnabled, s.ResellerPartnerId, s.CreatedAt, s.CommitmentEndsAt)),
        ];
    }
}

/// <summary>
/// The provider-wide list as CSV (RFC 4180), streamed batch by batch (one keyset query of <see cref="BatchSize"/> rows
/// at a time, never the whole list in memory) and bounded: at most <see cref="MaxRows"/> rows; narrow the filter for
/// more. Column names are stable English keys; a cell a spreadsheet would run as a formula gets a leading apostrophe.
/// </summary>
internal static class SubscriptionsCsv
{
    public const int BatchSize = 500;

    public const int MaxRows = 10_000;

    public static readonly IReadOnlyList<string> Columns =
    [
        "subscriptionId", "customerId", "customerName", "offerId", "offerName", "productFamily", "segment", "quantity",
        "termDuration", "billingCycle", "status", "autoRenewEnabled", "resellerPartnerId", "createdAt", "commitmentEndDate",
    ];

    /// <summary>The rows of the list in id order, read <see cref="BatchSize"/> at a time, at most <see cref="MaxRows"/>.</summary>
    public static async IAsyncEnumerable<TenantSubscriptionRow> ReadAsync(
        IMediator mediator, Guid tenantId, TenantSubscriptionFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        IdCursor? after = null;
        var written = 0;
        while (written < MaxRows)
        {
            var take = Math.Min(BatchSize, MaxRows - written);
            var batch = await mediator.Send(new ListTenantSubscriptionsQuery(tenantId, filter, after, take), cancellationToken);
            foreach (var row in batch)
            {
                yield return row;
            }

            written += batch.Count;
            if (batch.Count < take)
            {
                yield break;
            }

            after = new IdCursor(batch[^1].Id);
        }
    }

    public static Task WriteAsync(Stream output, IAsyncEnumerable<TenantSubscriptionRow> rows, CancellationToken cancellationToken) =>
        CsvExport.WriteAsync(output, Columns, rows, Row, cancellationToken);

    public static IEnumerable<string?> Row(TenantSubscriptionRow r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return
        [
            r.Id.ToString("D"), r.CustomerId.ToString("D"), r.CustomerName, r.OfferId, r.OfferName, r.ProductFamily, r.Segment,
            r.Quantity.ToString(CultureInfo.InvariantCulture), r.TermDuration, r.BillingCycle, r.Status.ToLowerInvariant(),
            r.AutoRenewEnabled ? "true" : "false", r.ResellerPartnerId, Time(r.CreatedAt), Time(r.CommitmentEndsAt),
        ];
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
