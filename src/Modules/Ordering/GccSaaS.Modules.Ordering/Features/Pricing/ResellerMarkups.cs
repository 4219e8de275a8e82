using System.Globalization;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Pricing;

/// <summary>One partnered reseller's markup: its own (null: it pays the default) and the one in force.</summary>
internal sealed record ResellerMarkupDto(Guid ResellerOrganisationId, string ResellerName, string PartnerId, decimal? MarkupPercent, decimal MarkupInForce);

/// <summary>The provider's markups: the default (0 until set) and each active partnership's reseller.</summary>
internal sealed record MarkupsDto(decimal DefaultMarkupPercent, IReadOnlyList<ResellerMarkupDto> Resellers, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>Issue 14, reseller prices: the provider's markups (provider users; a reseller never sees another's).</summary>
internal sealed record GetMarkupsQuery(Guid TenantId) : IRequest<MarkupsDto>;

/// <summary>A change of one reseller's markup, naming the reseller by its PartnerID (API) or its organisation (portal); a null markup: back to the default.</summary>
internal sealed record ResellerMarkupChange(string? PartnerId, Guid? ResellerOrganisationId, decimal? MarkupPercent);

/// <summary>Issue 14, reseller prices: the Global admin sets the default markup and/or resellers' own markups, in one transaction.</summary>
internal sealed record SetMarkupsCommand(Guid TenantId, decimal? DefaultMarkupPercent, IReadOnlyList<ResellerMarkupChange> Resellers) : IRequest<MarkupsDto>;

/// <summary>
/// A price list: the offers of a country with the markup in force for one reseller (a reseller user: always its own;
/// a provider user: the named reseller's, or the default for none).
/// </summary>
internal sealed record GetPriceListQuery(Guid TenantId, string Country, Guid? ResellerOrganisationId) : IRequest<PriceListDto>;

internal sealed record PriceListDto(Guid? ResellerOrganisationId, decimal MarkupInForce, IReadOnlyList<OfferDto> Offers)
{
    public decimal ResellerPrice(decimal listPrice) => ResellerPrices.Of(listPrice, MarkupInForce);
}

internal sealed class SetMarkupsRules : IRequestValidator<SetMarkupsCommand>
{
    public const int MaxChanges = 200;

    public IEnumerable<ValidationFailure> Validate(SetMarkupsCommand request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.DefaultMarkupPercent is { } percent && !ResellerPrices.IsValidMarkup(percent))
        {
            yield return new("defaultMarkupPercent", OrderingErrorCodes.MarkupOutOfRange, "A markup is a percentage from 0 to 100 with at most two decimals.");
        }

        if (request.Resellers.Count > MaxChanges)
        {
            yield return new("resellers", "too_many", $"Change at most {MaxChanges} resellers at once.");
        }

        var named = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Resellers.Count; i++)
        {
            var change = request.Resellers[i];
            var prefix = $"resellers[{i}].";
            var key = change.ResellerOrganisationId?.ToString() ?? change.PartnerId?.Trim();
            if (change.ResellerOrganisationId is null
                && (string.IsNullOrWhiteSpace(change.PartnerId) || change.PartnerId.Trim().Length > 20 || !change.PartnerId.Trim().All(char.IsAsciiDigit)))
            {
                yield return new(prefix + "partnerId", "invalid", "Name the reseller by its PartnerID (MPN ID): digits only.");
            }
            else if (key is not null && !named.Add(key))
            {
                yield return new(prefix + "partnerId", "duplicate", "Name each reseller once.");
            }

            if (change.MarkupPercent is { } markup && !ResellerPrices.IsValidMarkup(markup))
            {
                yield return new(prefix + "markupPercent", OrderingErrorCodes.MarkupOutOfRange, "A markup is a percentage from 0 to 100 with at most two decimals.");
            }
        }
    }
}

/// <summary>The markup in force for a reseller of the tenant: its own, else the default, else none (0).</summary>
internal sealed class ResellerPricing(OrderingDbContext db)
{
    public async Task<decimal> MarkupInForceAsync(Guid tenantId, Guid? resellerOrganisationId, CancellationToken cancellationToken)
    {
        var own = resellerOrganisationId is { } reseller
            ? await db.Set<ResellerMarkup>().AsNoTracking()
                .Where(m => m.TenantId == tenantId && m.ResellerOrganisationId == reseller)
                .Select(m => (decimal?)m.MarkupPercent)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        var fallback = own is null
            ? await db.Set<MarkupSettings>().AsNoTracking()
                .Where(m => m.TenantId == tenantId)
                .Select(m => (decimal?)m.DefaultMarkupPercent)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        return ResellerPrices.InForce(own, fallback);
    }
}

internal sealed class ResellerMarkupHandlers(
    OrderingDbContext db,
    OrderingScope scope,
    OrderingRefusals refusals,
    ResellerPricing pricing,
    IMediator mediator,
    ITenantContextAccessor tenants,
    TimeProvider clock)
    : IRequestHandler<GetMarkupsQuery, MarkupsDto>,
      IRequestHandler<SetMarkupsCommand, MarkupsDto>,
      IRequestHandler<GetPriceListQuery, PriceListDto>
{
    /// <summary>A picker-sized list, as everywhere partnerships are listed.</summary>
    private const int MaxResellers = 200;

    public async Task<MarkupsDto> Handle(GetMarkupsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (scope.IsReseller)
        {
            // Markups are the provider's terms with each reseller: a reseller sees its prices, not the table.
            throw refusals.Refuse(OrderingErrorCodes.MarkupsGlobalAdminOnly, DomainErrorKind.Forbidden);
        }

        var settings = await db.Set<MarkupSettings>().AsNoTracking().FirstOrDefaultAsync(m => m.TenantId == request.TenantId, cancellationToken);
        var own = await db.Set<ResellerMarkup>().AsNoTracking().Where(m => m.TenantId == request.TenantId)
            .ToDictionaryAsync(m => m.ResellerOrganisationId, cancellationToken);
        var partnerships = await mediator.Send(new SearchActivePartnershipsQuery(request.TenantId, null, MaxResellers), cancellationToken);
        var defaultMarkup = settings?.DefaultMarkupPercent ?? 0m;
        var changes = own.Values.Select(m => (At: m.UpdatedAt, By: m.UpdatedBy)).ToList();
        if (settings is not null)
        {
            changes.Add((settings.UpdatedAt, settings.UpdatedBy));
        }

        var latest = changes.OrderByDescending(c => c.At).FirstOrDefault();
        return new MarkupsDto(
            defaultMarkup,
            [.. partnerships.Select(p =>
            {
                var markup = own.TryGetValue(p.ResellerOrganisationId, out var m) ? m.MarkupPercent : (decimal?)null;
                return new ResellerMarkupDto(p.ResellerOrganisationId, p.ResellerName, p.PartnerId, markup, ResellerPrices.InForce(markup, defaultMarkup));
            })],
            changes.Count == 0 ? null : latest.At,
            changes.Count == 0 ? null : latest.By);
    }

    public async Task<MarkupsDto> Handle(SetMarkupsCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (tenants.RequireTenant().Id != request.TenantId)
        {
            throw new InvalidOperationException("The request's TenantId is not the current tenant.");
        }

        if (scope.User?.TenantRole != GccSaaSRoles.GlobalAdmin)
        {
            throw refusals.Refuse(OrderingErrorCodes.MarkupsGlobalAdminOnly, DomainErrorKind.Forbidden);
        }

        var now = clock.GetUtcNow();
        if (request.DefaultMarkupPercent is { } percent)
        {
            var settings = await db.Set<MarkupSettings>().FirstOrDefaultAsync(m => m.TenantId == request.TenantId, cancellationToken);
            if (settings is null)
            {
                settings = new MarkupSettings { TenantId = request.TenantId };
                db.Add(settings);
            }

            settings.DefaultMarkupPercent = percent;
            settings.UpdatedAt = now;
            settings.UpdatedBy = scope.ActorName;
        }

        foreach (var change in request.Resellers)
        {
            var reseller = await PartneredResellerAsync(request.TenantId, change, cancellationToken);
            var markup = await db.Set<ResellerMarkup>()
                .FirstOrDefaultAsync(m => m.TenantId == request.TenantId && m.ResellerOrganisationId == reseller, cancellationToken);
            if (change.MarkupPercent is not { } value)
            {
                if (markup is not null)
                {
                    db.Remove(markup); // back to the default
                }

                continue;
            }

            if (markup is null)
            {
                markup = new ResellerMarkup { TenantId = request.TenantId, ResellerOrganisationId = reseller };
                db.Add(markup);
            }

            markup.MarkupPercent = value;
            markup.UpdatedAt = now;
            markup.UpdatedBy = scope.ActorName;
        }

        await db.SaveChangesAsync(cancellationToken);
        return await Handle(new GetMarkupsQuery(request.TenantId), cancellationToken);
    }

    public async Task<PriceListDto> Handle(GetPriceListQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A reseller user's prices are always its own organisation's, whatever it asks for.
        var reseller = scope.IsReseller ? scope.ResellerLimit : request.ResellerOrganisationId;
        var markup = await pricing.MarkupInForceAsync(request.TenantId, reseller, cancellationToken);
        var offers = await mediator.Send(
            new ListOffersQuery(request.Country, null, null, null, ContinuationPage<OfferCursor>.MaxSize), cancellationToken);
        return new PriceListDto(reseller, markup, [.. offers.Where(o => !o.Retired)]);
    }

    /// <summary>The organisation of a reseller whose partnership with the provider is active, or the refusal naming it.</summary>
    private async Task<Guid> PartneredResellerAsync(Guid tenantId, ResellerMarkupChange change, CancellationToken cancellationToken)
    {
        if (change.ResellerOrganisationId is { } organisation)
        {
            var partnership = await mediator.Send(new GetPartnershipQuery(tenantId, organisation), cancellationToken);
            return partnership is { Status: PartnershipStatus.Active }
                ? organisation
                : throw refusals.Refuse(OrderingErrorCodes.MarkupResellerNotPartnered, DomainErrorKind.RuleViolated, organisation.ToString());
        }

        var partnerId = change.PartnerId?.Trim() ?? string.Empty;
        var found = await mediator.Send(new SearchActivePartnershipsQuery(tenantId, partnerId, MaxResellers), cancellationToken);
        return found.FirstOrDefault(p => string.Equals(p.PartnerId, partnerId, StringComparison.Ordinal))?.ResellerOrganisationId
            ?? throw refusals.Refuse(OrderingErrorCodes.MarkupResellerNotPartnered, DomainErrorKind.RuleViolated, partnerId);
    }
}

/// <summary>How markups are written and read in forms and on pages: a percentage in invariant digits ("12.5"), either decimal mark accepted.</summary>
internal static class MarkupText
{
    public static string Format(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Show(decimal percent) => percent.ToString("0.##", CultureInfo.CurrentCulture);

    /// <summary>The percentage typed in a form (a number input sends a dot; a person may type a comma), or null when it is none.</summary>
    public static bool TryParse(string? text, out decimal percent)
    {
        percent = 0m;
        var trimmed = text?.Trim().Replace(',', '.') ?? string.Empty;
        return trimmed.Length is > 0 and <= 10
            && decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out percent);
    }
}
