using System.Text.Json.Serialization;

namespace GccSaaS.Modules.Ordering.Features.Catalogue;

/// <summary>
/// <c>GET /v1/offers?country=US[&amp;productFamily=][&amp;segment=]</c>: the catalogue in Partner Center's offer shape,
/// continuation-paged, readable by every member of the tenant (R-PC-10).
/// </summary>
internal static class OfferEndpoints
{
    public static RouteGroupBuilder MapOfferEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/offers", ListAsync)
            .RequireAuthorization(OrderingPolicies.CanReadCatalogue)
            .WithName("ListOffers")
            .WithSummary("The offer catalogue of a country: GCC offers are segment Government.");
        return v1;
    }

    private static async Task<IResult> ListAsync(
        ContinuationPage<OfferCursor> page,
        string? country,
        string? productFamily,
        string? segment,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        var rows = await mediator.Send(new ListOffersQuery(country ?? string.Empty, Blank(productFamily), Blank(segment), page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new OfferCursor(r.Id));
        return Results.Ok(new ResourceCollection<OfferResource>([.. collection.Items.Select(OfferResource.From)], collection.Links));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// Partner Center's <c>Offer</c> (id, name, minimumQuantity, maximumQuantity, country, isAvailableForPurchase,
/// supportedBillingCycles, reselleeQualifications, resellerQualifications) plus the product family, the segment and
/// the prices of each term and billing cycle.
/// </summary>
internal sealed record OfferResource(
    string Id,
    string Name,
    string ProductFamily,
    string Segment,
    string Country,
    int MinimumQuantity,
    int MaximumQuantity,
    bool IsAvailableForPurchase,
    IReadOnlyList<string> SupportedBillingCycles,
    IReadOnlyList<string> ReselleeQualifications,
    IReadOnlyList<string> ResellerQualifications,
    IReadOnlyList<OfferPriceResource> Prices)
{
    [JsonPropertyOrder(100)]
    public ObjectAttributes Attributes { get; } = new("Offer");

    public static OfferResource From(OfferDto offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(
            offer.Id,
            offer.Name,
            offer.ProductFamily,
            offer.Segment,
            offer.Country,
            offer.MinimumQuantity,
            offer.MaximumQuantity,
            !offer.Retired,
            [.. offer.Prices.Select(p => p.BillingCycle).Distinct()],
            offer.IsGcc ? ["GovernmentCommunityCloud"] : [],
            offer.IsGcc ? ["Government_community_cloud"] : [],
            [.. offer.Prices.Select(p => new OfferPriceResource(p.TermDuration, p.BillingCycle, p.ListPrice, p.CurrencyCode))]);
    }
}

internal sealed record OfferPriceResource(string TermDuration, string BillingCycle, decimal ListPrice, string CurrencyCode);

/// <summary>Partner Center's <c>attributes: { objectType }</c>.</summary>
internal sealed record ObjectAttributes(string ObjectType);
