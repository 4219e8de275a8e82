using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Pricing;

namespace GccSaaS.Modules.Ordering.Features.Catalogue;

/// <summary>
/// The catalogue page: every offer of the US catalogue with its family, segment (GCC offers are Government), seat
/// bounds and prices, filtered by family and segment; retired offers are marked, never offered for sale.
/// </summary>
[NavigationLink("offers", "/{tenant}/offers", "Nav_Offers", 45, Group = PortalGroup.Customers)]
[Authorize(Policy = OrderingPolicies.CanReadCatalogue)]
internal sealed class OffersPageModel(IMediator mediator, OrderingScope scope, ResellerPricing pricing) : PortalPageModel(mediator)
{
    public const string Country = "US";

    public IReadOnlyList<OfferDto> Offers { get; private set; } = [];

    public string? Family { get; private set; }

    public string? Segment { get; private set; }

    /// <summary>A reseller user sees its own price (the list price with its markup), never the list price.</summary>
    public decimal? ResellerMarkup { get; private set; }

    public async Task OnGetAsync(string? family, string? segment, CancellationToken cancellationToken)
    {
        // An unknown filter value shows the whole list rather than an error: the filters are links and selects.
        Family = ProductFamilies.All.Contains(family ?? string.Empty) ? family : null;
        Segment = OfferSegments.All.Contains(segment ?? string.Empty) ? segment : null;
        Offers = await Mediator.Send(new ListOffersQuery(Country, Family, Segment, null, ContinuationPage<OfferCursor>.MaxSize), cancellationToken);
        if (scope.IsReseller && HttpContext.GetTenant() is { } tenant)
        {
            ResellerMarkup = await pricing.MarkupInForceAsync(tenant.Id, scope.ResellerLimit, cancellationToken);
        }
    }
}
