namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>One line of a cart as the rules see it: what was asked for and, when the offer exists, the offer.</summary>
internal sealed record CheckoutLine(int LineNumber, int Quantity, string TermDuration, string BillingCycle, CheckoutOffer? Offer);

/// <summary>The offer facts the rules need.</summary>
internal sealed record CheckoutOffer(string Id, string Name, string Segment, int MinimumQuantity, int MaximumQuantity, bool Retired, IReadOnlyCollection<(string Term, string Cycle)> Prices);

/// <summary>
/// The facts of a checkout that do not need the reseller of record: the customer's GCC status and agreement
/// (Customers' answer), whether the partner holds Government_community_cloud (Partners' answer), the cart.
/// </summary>
internal sealed record CheckoutFacts(
    bool CustomerGccOnly,
    bool CustomerHasAgreement,
    bool PartnerHoldsGcc,
    bool AttestationAccepted,
    DateTimeOffset ExpiresAt,
    DateTimeOffset Now,
    IReadOnlyList<CheckoutLine> Lines);

/// <summary>One broken rule: its stable code and, for a line, the line's number.</summary>
internal sealed record CheckoutProblem(string Code, int? LineNumber = null, object[]? Arguments = null);

/// <summary>
/// Every rule a checkout must pass that depends only on the facts (R-ORD-1, R-ORD-2, R-PC-3, R-PC-6, R-PC-8, seat
/// bounds, retired offers). All broken rules are returned at once, in a stable order: the review page shows them
/// together (issue 14's pre-flight) and the checkout refuses with the first.
/// </summary>
internal static class CheckoutRules
{
    /// <summary>R-PC-8: a cart lives 7 days from its creation.</summary>
    public static readonly TimeSpan CartLifetime = TimeSpan.FromDays(7);

    public static IReadOnlyList<CheckoutProblem> Evaluate(CheckoutFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var problems = new List<CheckoutProblem>();

        // R-PC-8: checkout checks the expiry itself; no job has to have run.
        if (facts.Now >= facts.ExpiresAt)
        {
            problems.Add(new(OrderingErrorCodes.CartExpired));
        }

        if (facts.Lines.Count == 0)
        {
            problems.Add(new(OrderingErrorCodes.CartEmpty));
        }

        // R-PC-6, R-CUS-4: no purchase without the customer agreement attestation.
        if (!facts.CustomerHasAgreement)
        {
            problems.Add(new(OrderingErrorCodes.CustomerAgreementMissing));
        }

        // R-ORD-2, R-PC-8: the partner confirms it acts as an indirect partner.
        if (!facts.AttestationAccepted)
        {
            problems.Add(new(OrderingErrorCodes.AttestationNotAccepted));
        }

        var partnerRefused = false;
        foreach (var line in facts.Lines)
        {
            if (line.Offer is not { } offer)
            {
                problems.Add(new(OrderingErrorCodes.OfferNotFound, line.LineNumber));
                continue;
            }

            // A retired offer cannot be bought (its subscriptions stay).
            if (offer.Retired)
            {
                problems.Add(new(OrderingErrorCodes.OfferRetired, line.LineNumber, [offer.Name]));
            }

            if (!offer.Prices.Contains((line.TermDuration, line.BillingCycle)))
            {
                problems.Add(new(OrderingErrorCodes.TermNotOffered, line.LineNumber, [offer.Name, line.TermDuration, line.BillingCycle]));
            }

            if (line.Quantity < offer.MinimumQuantity || line.Quantity > offer.MaximumQuantity)
            {
                problems.Add(new(OrderingErrorCodes.QuantityOutOfRange, line.LineNumber, [offer.Name, offer.MinimumQuantity, offer.MaximumQuantity]));
            }

            if (offer.Segment == OfferSegments.Government)
            {
                // R-ORD-1, R-VAL-8, R-VAL-9: one GCC validation of the customer covers every GCC offer.
                if (!facts.CustomerGccOnly)
                {
                    problems.Add(new(OrderingErrorCodes.CustomerNotGccValidated, line.LineNumber, [offer.Name]));
                }

                // R-ORD-1, R-VAL-4: and only a partner holding the qualification sells them (said once per cart).
                if (!facts.PartnerHoldsGcc && !partnerRefused)
                {
                    problems.Add(new(OrderingErrorCodes.PartnerNotGccQualified, line.LineNumber, [offer.Name]));
                    partnerRefused = true;
                }
            }
            else if (facts.CustomerGccOnly)
            {
                // R-PC-3: a GCC customer is sold GCC offers only.
                problems.Add(new(OrderingErrorCodes.CommercialOfferForGccCustomer, line.LineNumber, [offer.Name]));
            }
        }

        return problems;
    }
}
