using System.Text.RegularExpressions;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Ordering.Resources;
using Npgsql;

namespace GccSaaS.Modules.Ordering.Features.CatalogueAdmin;

/// <summary>One price of a new offer: a term, a billing cycle and the list price of one licence per billing period (USD).</summary>
internal sealed record NewOfferPrice(string TermDuration, string BillingCycle, decimal ListPrice);

/// <summary>
/// A platform admin adds an offer to the catalogue (platform level, the same for every provider): its id (unique for
/// ever), name, product family, segment (<c>Government</c> = GCC, R-ORD-1), country, seat bounds and prices. An offer is
/// never edited afterwards: what was sold stays what it was; it can only be retired.
/// </summary>
internal sealed partial record AddOfferCommand(
    string OfferId,
    string Name,
    string ProductFamily,
    string Segment,
    string Country,
    int MinimumQuantity,
    int MaximumQuantity,
    IReadOnlyList<NewOfferPrice> Prices) : IRequest<OfferDto>
{
    public const int MaxQuantity = 100_000;

    public const decimal MaxListPrice = 1_000_000m;

    /// <summary>The terms and billing cycles the catalogue sells together (a one-month term is billed monthly).</summary>
    public static readonly IReadOnlyList<(string Term, string Cycle)> TermCycles =
    [
        (TermDurations.OneMonth, BillingCycles.Monthly),
        (TermDurations.OneYear, BillingCycles.Monthly),
        (TermDurations.OneYear, BillingCycles.Annual),
        (TermDurations.ThreeYears, BillingCycles.Monthly),
        (TermDurations.ThreeYears, BillingCycles.Annual),
        (TermDurations.ThreeYears, BillingCycles.Triennial),
    ];

    /// <summary>Offer ids as the catalogue writes them: capitals, digits and hyphens, 2 to 40 characters (e.g. <c>O365-G3-GCC</c>).</summary>
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    public static partial Regex OfferIdPattern();
}

/// <summary>A platform admin retires an offer: it can no longer be bought (checkout refuses it); its subscriptions stay.</summary>
internal sealed record RetireOfferCommand(string OfferId) : IRequest<OfferDto>;

/// <summary>
/// The whole catalogue (every country, retired offers too), by offer id (<paramref name="Descending"/> or not: the primary
/// key read either way), for the platform's page and API; <paramref name="Search"/> matches the start of the offer id
/// or any part of the name.
/// </summary>
internal sealed record ListCatalogueQuery(string? Country, OfferCursor? After, int Take, bool Descending = false, string? Search = null) : IRequest<IReadOnlyList<OfferDto>>;

internal sealed class AddOfferRules(IStringLocalizer<OrderingResource> o) : IRequestValidator<AddOfferCommand>
{
    public IEnumerable<ValidationFailure> Validate(AddOfferCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AddOfferCommand.OfferIdPattern().IsMatch(request.OfferId))
        {
            yield return new("id", "invalid", o["Input_OfferId"]);
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 200)
        {
            yield return new("name", "required", o["Input_OfferName"]);
        }

        if (!ProductFamilies.All.Contains(request.ProductFamily))
        {
            yield return new("productFamily", "invalid", o["Input_Family"]);
        }

        if (!OfferSegments.All.Contains(request.Segment))
        {
            yield return new("segment", "invalid", o["Input_Segment"]);
        }

        if (request.Country is not { Length: 2 } || !request.Country.All(char.IsAsciiLetterUpper) || !LocaleChoices.IsCountry(request.Country))
        {
            yield return new("country", "invalid", o["Input_Country"]);
        }

        if (request.MinimumQuantity < 1 || request.MinimumQuantity > AddOfferCommand.MaxQuantity)
        {
            yield return new("minimumQuantity", "out_of_range", o["Input_Minimum", AddOfferCommand.MaxQuantity]);
        }

        if (request.MaximumQuantity < request.MinimumQuantity || request.MaximumQuantity > AddOfferCommand.MaxQuantity)
        {
            yield return new("maximumQuantity", "out_of_range", o["Input_Maximum", AddOfferCommand.MaxQuantity]);
        }

        if (request.Prices.Count == 0)
        {
            yield return new("prices", "required", o["Input_PricesRequired"]);
        }

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < request.Prices.Count; i++)
        {
            var price = request.Prices[i];
            if (!AddOfferCommand.TermCycles.Contains((price.TermDuration, price.BillingCycle)))
            {
                yield return new($"prices[{i}].billingCycle", "invalid", o["Input_TermCycle"]);
            }
            else if (!seen.Add((price.TermDuration, price.BillingCycle)))
            {
                yield return new($"prices[{i}]", "duplicate", o["Input_PriceDuplicate"]);
            }

            if (price.ListPrice < 0 || price.ListPrice > AddOfferCommand.MaxListPrice || decimal.Round(price.ListPrice, 2) != price.ListPrice)
            {
                yield return new($"prices[{i}].listPrice", "out_of_range", o["Input_ListPrice", AddOfferCommand.MaxListPrice]);
            }
        }
    }
}

internal sealed class CatalogueAdminHandlers(OrderingDbContext db, ICurrentUserAccessor users, IMediator mediator, OrderingRefusals refusals, TimeProvider clock)
    : IRequestHandler<AddOfferCommand, OfferDto>,
      IRequestHandler<RetireOfferCommand, OfferDto>,
      IRequestHandler<ListCatalogueQuery, IReadOnlyList<OfferDto>>
{
    public async Task<OfferDto> Handle(AddOfferCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsurePlatformAdmin();
        if (await db.Offers.AnyAsync(o => o.Id == request.OfferId, cancellationToken))
        {
            throw refusals.Refuse(OrderingErrorCodes.OfferIdTaken, DomainErrorKind.Conflict, request.OfferId);
        }

        db.Offers.Add(new Offer
        {
            Id = request.OfferId,
            Name = request.Name.Trim(),
            ProductFamily = request.ProductFamily,
            Segment = request.Segment,
            Country = request.Country,
            MinimumQuantity = request.MinimumQuantity,
            MaximumQuantity = request.MaximumQuantity,
            Retired = false,
            CreatedAt = clock.GetUtcNow(),
        });
        db.OfferPrices.AddRange(request.Prices.Select(p => new OfferPrice
        {
            OfferId = request.OfferId,
            TermDuration = p.TermDuration,
            BillingCycle = p.BillingCycle,
            ListPrice = p.ListPrice,
            CurrencyCode = "USD",
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two admins adding the same id at once: one wins. The loser's rows leave the context (the page reads on).
            db.ChangeTracker.Clear();
            throw refusals.Refuse(OrderingErrorCodes.OfferIdTaken, DomainErrorKind.Conflict, request.OfferId);
        }

        return await FindAsync(request.OfferId, cancellationToken);
    }

    public async Task<OfferDto> Handle(RetireOfferCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsurePlatformAdmin();
        // Guarded: of two admins retiring at once, one retires and the other is told it is retired already.
        var retired = await db.Offers.Where(o => o.Id == request.OfferId && !o.Retired)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Retired, true), cancellationToken);
        if (retired == 0)
        {
            throw await db.Offers.AnyAsync(o => o.Id == request.OfferId, cancellationToken)
                ? refusals.Refuse(OrderingErrorCodes.OfferAlreadyRetired, DomainErrorKind.Conflict, request.OfferId)
                : refusals.Refuse(OrderingErrorCodes.OfferNotFound, DomainErrorKind.NotFound, request.OfferId);
        }

        return await FindAsync(request.OfferId, cancellationToken);
    }

    public async Task<IReadOnlyList<OfferDto>> Handle(ListCatalogueQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = db.Offers.AsNoTracking();
        if (request.Country is { } country)
        {
            query = query.Where(o => o.Country == country);
        }

        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var text = request.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            var idPrefix = text.ToUpperInvariant() + "%";
            var inName = "%" + text + "%";
            query = query.Where(o => EF.Functions.Like(o.Id, idPrefix, "\\") || EF.Functions.ILike(o.Name, inName, "\\"));
        }

        if (request.After is { } after)
        {
            query = request.Descending
                ? query.Where(o => string.Compare(o.Id, after.Id) < 0)
                : query.Where(o => string.Compare(o.Id, after.Id) > 0);
        }

        var ordered = request.Descending ? query.OrderByDescending(o => o.Id) : query.OrderBy(o => o.Id);
        var ids = await ordered.Take(request.Take).Select(o => o.Id).ToListAsync(cancellationToken);
        var offers = await mediator.Send(new GetOffersQuery(ids), cancellationToken);
        return [.. ids.Where(offers.ContainsKey).Select(id => offers[id])];
    }

    private async Task<OfferDto> FindAsync(string offerId, CancellationToken cancellationToken) =>
        (await mediator.Send(new GetOffersQuery([offerId]), cancellationToken))[offerId];

    private void EnsurePlatformAdmin()
    {
        if (users.Current?.HasPlatformRole(GccSaaSRoles.PlatformAdmin) != true)
        {
            throw new DomainRuleException("forbidden", "Only a platform admin changes the catalogue.", DomainErrorKind.Forbidden);
        }
    }
}
