using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.Modules.Ordering.Features.Catalogue;

/// <summary>The keyset of the offer list: offers page in id order.</summary>
internal sealed record OfferCursor(string Id);

/// <summary>One price of an offer: a term, a billing cycle and the list price of one licence per billing period.</summary>
internal sealed record OfferPriceDto(string TermDuration, string BillingCycle, decimal ListPrice, string CurrencyCode);

internal sealed record OfferDto(
    string Id,
    string Name,
    string ProductFamily,
    string Segment,
    string Country,
    int MinimumQuantity,
    int MaximumQuantity,
    bool Retired,
    IReadOnlyList<OfferPriceDto> Prices)
{
    public bool IsGcc => Segment == OfferSegments.Government;

    public OfferPriceDto? PriceOf(string term, string cycle) => Prices.FirstOrDefault(p => p.TermDuration == term && p.BillingCycle == cycle);
}

/// <summary>
/// The catalogue of a country (platform level, the same for every tenant), optionally of one product family and
/// segment; retired offers are listed too (shown, never sold). Keyset-paged by offer id.
/// </summary>
internal sealed record ListOffersQuery(string Country, string? ProductFamily, string? Segment, OfferCursor? After, int Take) : IRequest<IReadOnlyList<OfferDto>>;

/// <summary>The offers with these ids (any country), retired or not.</summary>
internal sealed record GetOffersQuery(IReadOnlyCollection<string> Ids) : IRequest<IReadOnlyDictionary<string, OfferDto>>;

/// <summary>An offer as a list's filter names it: its id and its display name.</summary>
internal sealed record OfferChoice(string Id, string Name);

/// <summary>
/// Every offer of the catalogue (every country, retired ones too: their subscriptions stay), by display name, for a
/// filter by offer (issue 16). The catalogue holds one name per offer, not one per language.
/// </summary>
internal sealed record ListOfferChoicesQuery : IRequest<IReadOnlyList<OfferChoice>>;

internal sealed class ListOfferChoicesHandler(OrderingDbContext db) : IRequestHandler<ListOfferChoicesQuery, IReadOnlyList<OfferChoice>>
{
    public async Task<IReadOnlyList<OfferChoice>> Handle(ListOfferChoicesQuery request, CancellationToken cancellationToken)
    {
        var offers = await db.Offers.AsNoTracking().Select(o => new OfferChoice(o.Id, o.Name)).ToListAsync(cancellationToken);
        return [.. offers.OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(o => o.Id, StringComparer.Ordinal)];
    }
}

internal sealed class ListOffersRules : IRequestValidator<ListOffersQuery>
{
    public IEnumerable<ValidationFailure> Validate(ListOffersQuery request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Country is not { Length: 2 } || !request.Country.All(char.IsAsciiLetter))
        {
            yield return new("country", "invalid", "The country is a two-letter ISO code, e.g. US.");
        }

        if (request.ProductFamily is not null && !ProductFamilies.All.Contains(request.ProductFamily))
        {
            yield return new("productFamily", "invalid", "The product family is one of " + string.Join(", ", ProductFamilies.All) + ".");
        }

        if (request.Segment is not null && !OfferSegments.All.Contains(request.Segment))
        {
            yield return new("segment", "invalid", "The segment is Commercial or Government.");
        }
    }
}

internal sealed class ListOffersHandler(OrderingDbContext db) : IRequestHandler<ListOffersQuery, IReadOnlyList<OfferDto>>, IRequestHandler<GetOffersQuery, IReadOnlyDictionary<string, OfferDto>>
{
    public async Task<IReadOnlyList<OfferDto>> Handle(ListOffersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var country = request.Country.ToUpperInvariant();
        var query = db.Offers.AsNoTracking().Where(o => o.Country == country);
        if (request.ProductFamily is { } family)
        {
            query = query.Where(o => o.ProductFamily == family);
        }

        if (request.Segment is { } segment)
        {
            query = query.Where(o => o.Segment == segment);
        }

        if (request.After is { } after)
        {
            query = query.Where(o => string.Compare(o.Id, after.Id) > 0);
        }

        var offers = await query.OrderBy(o => o.Id).Take(request.Take).ToListAsync(cancellationToken);
        return await WithPricesAsync(offers, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, OfferDto>> Handle(GetOffersQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.Ids.Distinct(StringComparer.Ordinal).ToList();
        var offers = await db.Offers.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(cancellationToken);
        return (await WithPricesAsync(offers, cancellationToken)).ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<OfferDto>> WithPricesAsync(List<Offer> offers, CancellationToken cancellationToken)
    {
        var ids = offers.Select(o => o.Id).ToList();
        var prices = (await db.OfferPrices.AsNoTracking().Where(p => ids.Contains(p.OfferId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.OfferId, StringComparer.Ordinal);
        return
        [
            .. offers.Select(o => new OfferDto(
                o.Id, o.Name, o.ProductFamily, o.Segment, o.Country, o.MinimumQuantity, o.MaximumQuantity, o.Retired,
                [.. prices[o.Id]
                    .OrderBy(p => TermDurations.All.ToList().IndexOf(p.TermDuration))
                    .ThenBy(p => BillingCycles.All.ToList().IndexOf(p.BillingCycle))
                    .Select(p => new OfferPriceDto(p.TermDuration, p.BillingCycle, p.ListPrice, p.CurrencyCode))])),
        ];
    }
}
