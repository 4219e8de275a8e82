using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Modules.Ordering.Domain;
using MediatR;
using Microsoft.AspNetCore.Authorization;

namespace GccSaaS.Modules.Ordering.Features.Catalogue;

/// <summary>
/// The catalogue page: every offer of the US catalogue with its family, segment (GCC offers are Government), seat
/// bounds and prices, filtered by family and segment; retired offers are marked, never offered for sale.
/// </summary>
[Authorize(Policy = OrderingPolicies.CanReadCatalogue)]
internal sealed class OffersPageModel(IMediator mediator) : PortalPageModel(mediator)
{
    public const string Country = "US";

    public IReadOnlyList<OfferDto> Offers { get; private set; } = [];

    public string? Family { get; private set; }

    public string? Segment { get; private set; }

    public async Task OnGetAsync(string? family, string? segment, CancellationToken cancellationToken)
    {
        // An unknown filter value shows the whole list rather than an error: the filters are links and selects.
        Family = ProductFamilies.All.Contains(family ?? string.Empty) ? family : null;
        Segment = OfferSegments.All.Contains(segment ?? string.Empty) ? segment : null;
        Offers = await Mediator.Send(new ListOffersQuery(Country, Family, Segment, null, ContinuationPage<OfferCursor>.MaxSize), cancellationToken);
    }
}
