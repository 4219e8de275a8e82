using GccSaaS.Modules.Customers.Contracts;
using GccSaaS.Modules.Ordering.Data;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Catalogue;
using GccSaaS.Modules.Partners.Contracts;
using GccSaaS.Modules.Relationships.Contracts;

namespace GccSaaS.Modules.Ordering.Features.Checkout;

/// <summary>The reseller of record a checkout credits (R-ORD-4): its directory organisation and PartnerID.</summary>
internal sealed record ResellerOfRecord(Guid OrganisationId, string PartnerId);

/// <summary>What the pre-flight found: every broken rule, the offers of the cart, and the reseller of record when it resolved.</summary>
internal sealed record PreflightResult(IReadOnlyList<CheckoutProblem> Problems, IReadOnlyDictionary<string, OfferDto> Offers, ResellerOfRecord? Reseller);

/// <summary>
/// Every rule of a checkout, asked of the other modules once and judged at once: the facts rules of
/// <see cref="CheckoutRules"/> (R-ORD-1, R-ORD-2, R-PC-3, R-PC-6, R-PC-8, seats, retired offers) and the reseller of
/// record (R-PC-7, R-CUS-3). The review page, <c>GET …/checkout/preview</c> and the checkout itself call this one
/// method, so the review says exactly what the checkout would refuse.
/// </summary>
internal sealed class CheckoutPreflight(IMediator mediator, OrderingScope scope, TimeProvider clock)
{
    public async Task<PreflightResult> EvaluateAsync(Guid tenantId, CustomerPurchaseEligibility customer, Cart cart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(cart);
        var offers = await mediator.Send(new GetOffersQuery([.. cart.LineItems.Select(l => l.OfferId)]), cancellationToken);
        var partner = await mediator.Send(new GetTenantPartnerOrganisationQuery(tenantId), cancellationToken);
        var facts = new CheckoutFacts(
            customer.GccOnly,
            customer.HasAgreementAttestation,
            partner?.HasQualification(PartnerQualifications.GovernmentCommunityCloud) == true,
            cart.PartnerOnRecordAttestationAccepted,
            cart.ExpiresAt,
            clock.GetUtcNow(),
            [.. cart.LineItems.OrderBy(l => l.Id).Select(l => new CheckoutLine(
                l.Id, l.Quantity, l.TermDuration, l.BillingCycle,
                offers.TryGetValue(l.OfferId, out var o)
                    ? new CheckoutOffer(o.Id, o.Name, o.Segment, o.MinimumQuantity, o.MaximumQuantity, o.Retired, [.. o.Prices.Select(p => (p.TermDuration, p.BillingCycle))])
                    : null))]);
        var problems = CheckoutRules.Evaluate(facts).ToList();
        var (reseller, resellerProblem) = await ResellerOfRecordAsync(tenantId, customer, cart.ResellerPartnerId, partner, cancellationToken);
        if (resellerProblem is not null)
        {
            problems.Add(resellerProblem);
        }

        return new PreflightResult(problems, offers, reseller);
    }

    /// <summary>
    /// R-PC-7, R-ORD-4, R-CUS-3: the reseller of record is an indirect reseller whose PartnerID verifies and whose
    /// partnership with the provider is active, never the provider itself; it is the customer's reseller (named, or
    /// taken from the customer when the cart names none). A reseller user buys with itself as reseller of record.
    /// The provider's own customer may be bought for without one, or credit a partnered reseller (R-ORD-3).
    /// </summary>
    private async Task<(ResellerOfRecord? Reseller, CheckoutProblem? Problem)> ResellerOfRecordAsync(
        Guid tenantId, CustomerPurchaseEligibility customer, string? named, PartnerOrganisationDto? provider, CancellationToken cancellationToken)
    {
        var implied = scope.ResellerLimit ?? customer.ResellerOrganisationId;
        if (named is null)
        {
            if (implied is not { } organisation)
            {
                return (null, null);
            }

            var partnership = await mediator.Send(new GetPartnershipQuery(tenantId, organisation), cancellationToken);
            return partnership is { Status: PartnershipStatus.Active }
                ? (new ResellerOfRecord(organisation, partnership.PartnerId), null)
                : (null, new CheckoutProblem(OrderingErrorCodes.ResellerPartnershipNotActive));
        }

        if (provider is not null && string.Equals(provider.PartnerId, named, StringComparison.Ordinal))
        {
            return (null, new CheckoutProblem(OrderingErrorCodes.ProviderCannotBeResellerOfRecord));
        }

        var verification = await mediator.Send(new VerifyPartnerIdQuery(tenantId, named), cancellationToken);
        if (!verification.IsUsable || verification.PartnerOrganisationId is not { } verified)
        {
            return (null, new CheckoutProblem(verification.Code ?? "unknown_partner_id", Arguments: [named]));
        }

        var active = await mediator.Send(new GetPartnershipQuery(tenantId, verified), cancellationToken);
        if (active is not { Status: PartnershipStatus.Active })
        {
            return (null, new CheckoutProblem(OrderingErrorCodes.ResellerPartnershipNotActive));
        }

        if (implied is { } expected && expected != verified)
        {
            return (null, new CheckoutProblem(OrderingErrorCodes.ResellerNotCustomersReseller, Arguments: [named]));
        }

        return (new ResellerOfRecord(verified, named), null);
    }
}
