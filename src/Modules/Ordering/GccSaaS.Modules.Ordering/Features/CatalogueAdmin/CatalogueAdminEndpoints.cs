using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;

namespace GccSaaS.Modules.Ordering.Features.CatalogueAdmin;

/// <summary>
/// The platform admin's catalogue over the API (<c>/v1/platform/offers</c>, platform API keys): the whole catalogue
/// (every country, retired offers too), one offer, add an offer, retire one. Platform level: no tenant reaches it, and
/// (as for every platform write) <c>MS-RequestId</c> replay does not apply: a retried add answers 409 <c>offer_id_taken</c>,
/// a retried retire 409 <c>offer_already_retired</c>.
/// </summary>
internal static class CatalogueAdminEndpoints
{
    public static RouteGroupBuilder MapCatalogueAdminRoutes(this RouteGroupBuilder v1)
    {
        var offers = v1.MapGroup("/platform/offers").RequireAuthorization(GccSaaSPolicies.PlatformAdmin);
        offers.MapGet("/", ListAsync).WithName("ListPlatformOffers")
            .WithSummary("The whole catalogue by offer id, retired offers too; ?country= narrows it.");
        offers.MapGet("/{offerId}", GetAsync).WithName("GetPlatformOffer")
            .WithSummary("One offer of the catalogue.");
        offers.MapPost("/", AddAsync).WithName("AddPlatformOffer")
            .WithSummary("Adds an offer: id, name, productFamily, segment (Government = GCC), country, seat bounds, prices. Offers are never edited, only retired.");
        offers.MapPost("/{offerId}/retire", RetireAsync).WithName("RetirePlatformOffer")
            .WithSummary("Retires an offer: it can no longer be bought; its subscriptions stay.");
        return v1;
    }

    private static async Task<IResult> ListAsync(string? country, ContinuationPage<OfferCursor> page, IMediator mediator, CancellationToken cancellationToken)
    {
        country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant();
        if (country is not null && (country.Length != 2 || !country.All(char.IsAsciiLetter)))
        {
            throw new RequestValidationException([new("country", "invalid", "The country is a two-letter ISO code, e.g. US.")]);
        }

        var rows = await mediator.Send(new ListCatalogueQuery(country, page.After, page.Take), cancellationToken);
        var collection = page.ToCollection(rows, r => new OfferCursor(r.Id));
        return Results.Ok(new ResourceCollection<OfferResource>([.. collection.Items.Select(OfferResource.From)], collection.Links));
    }

    private static async Task<IResult> GetAsync(string offerId, IMediator mediator, OrderingRefusals refusals, CancellationToken cancellationToken)
    {
        var offers = await mediator.Send(new GetOffersQuery([offerId]), cancellationToken);
        return offers.TryGetValue(offerId, out var offer)
            ? Results.Ok(OfferResource.From(offer))
            : throw refusals.Refuse(OrderingErrorCodes.OfferNotFound, DomainErrorKind.NotFound, offerId);
    }

    private static async Task<IResult> AddAsync(AddOfferRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var offer = await mediator.Send(body.ToCommand(), cancellationToken);
        return Results.Created($"/v1/platform/offers/{offer.Id}", OfferResource.From(offer));
    }

    private static async Task<IResult> RetireAsync(string offerId, IMediator mediator, CancellationToken cancellationToken) =>
        Results.Ok(OfferResource.From(await mediator.Send(new RetireOfferCommand(offerId), cancellationToken)));
}

/// <summary>The body of <c>POST /v1/platform/offers</c>: Partner Center's offer fields plus the family, the segment and the prices.</summary>
internal sealed record AddOfferRequest(
    string? Id,
    string? Name,
    string? ProductFamily,
    string? Segment,
    string? Country,
    int? MinimumQuantity,
    int? MaximumQuantity,
    IReadOnlyList<AddOfferPriceRequest?>? Prices)
{
    /// <summary>The command, with what is missing or malformed left for its input rules to refuse (never dropped silently).</summary>
    public AddOfferCommand ToCommand() => new(
        Id?.Trim() ?? string.Empty,
        Name ?? string.Empty,
        ProductFamily?.Trim() ?? string.Empty,
        Segment?.Trim() ?? string.Empty,
        Country?.Trim().ToUpperInvariant() ?? string.Empty,
        MinimumQuantity ?? 0,
        MaximumQuantity ?? 0,
        [.. (Prices ?? []).Select(p => new NewOfferPrice(
            p?.TermDuration?.Trim().ToUpperInvariant() ?? string.Empty,
            BillingCycles.Normalize(p?.BillingCycle) ?? p?.BillingCycle ?? string.Empty,
            p?.ListPrice ?? -1m))]);
}

internal sealed record AddOfferPriceRequest(string? TermDuration, string? BillingCycle, decimal? ListPrice);
