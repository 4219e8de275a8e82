using GccSaaS.Modules.Ordering.Domain;

namespace GccSaaS.UnitTests.Ordering;

public sealed class CheckoutRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 21, 10, 0, 0, TimeSpan.Zero);

    private static readonly CheckoutOffer G3Gcc = new("O365-G3-GCC", "Office 365 G3 GCC", OfferSegments.Government, 1, 10000, false, [("P1Y", "Monthly")]);
    private static readonly CheckoutOffer E3 = new("O365-E3", "Office 365 E3", OfferSegments.Commercial, 1, 10000, false, [("P1Y", "Monthly")]);
    private static readonly CheckoutOffer ProPlus = new("O365-PROPLUS", "Office 365 ProPlus", OfferSegments.Commercial, 1, 10000, true, [("P1Y", "Monthly")]);

    private static CheckoutFacts Facts(bool gccCustomer = true, bool agreement = true, bool partnerGcc = true, bool attested = true, DateTimeOffset? expires = null, params CheckoutLine[] lines) =>
        new(gccCustomer, agreement, partnerGcc, attested, expires ?? Now.AddDays(7), Now, lines.Length == 0 ? [Line(G3Gcc)] : lines);

    private static CheckoutLine Line(CheckoutOffer? offer, int quantity = 25, int number = 0, string term = "P1Y", string cycle = "Monthly") =>
        new(number, quantity, term, cycle, offer);

    private static IEnumerable<string> Codes(CheckoutFacts facts) => CheckoutRules.Evaluate(facts).Select(p => p.Code);

    [Fact]
    public void A_valid_GCC_purchase_for_a_validated_customer_by_a_qualified_partner_passes() =>
        Assert.Empty(CheckoutRules.Evaluate(Facts()));

    [Fact]
    public void R_ORD_1_R_VAL_8_a_GCC_offer_needs_a_customer_validated_for_GCC() =>
        Assert.Equal(["customer_not_gcc_validated"], Codes(Facts(gccCustomer: false)));

    [Fact]
    public void R_ORD_1_R_VAL_4_a_GCC_offer_needs_a_partner_holding_the_qualification_said_once_per_cart() =>
        Assert.Equal(["partner_not_gcc_qualified"], Codes(Facts(partnerGcc: false, lines: [Line(G3Gcc), Line(G3Gcc, number: 1)])));

    [Fact]
    public void R_PC_3_a_GCC_customer_is_sold_GCC_offers_only() =>
        Assert.Equal(["commercial_offer_for_gcc_customer"], Codes(Facts(lines: Line(E3))));

    [Fact]
    public void R_PC_3_a_commercial_customer_may_buy_commercial_offers() =>
        Assert.Empty(CheckoutRules.Evaluate(Facts(gccCustomer: false, lines: Line(E3))));

    [Fact]
    public void R_PC_6_a_purchase_needs_the_customer_agreement_attestation() =>
        Assert.Equal(["customer_agreement_missing"], Codes(Facts(agreement: false)));

    [Fact]
    public void R_ORD_2_R_PC_8_a_checkout_needs_the_partner_of_record_attestation() =>
        Assert.Equal(["partner_of_record_attestation_required"], Codes(Facts(attested: false)));

    [Fact]
    public void R_PC_8_a_cart_expires_7_days_after_creation_at_the_instant_itself()
    {
        Assert.Equal(TimeSpan.FromDays(7), CheckoutRules.CartLifetime);
        Assert.Equal(["cart_expired"], Codes(Facts(expires: Now)));
        Assert.Empty(CheckoutRules.Evaluate(Facts(expires: Now.AddTicks(1))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10001)]
    public void Seats_outside_the_offers_bounds_are_refused(int quantity) =>
        Assert.Equal(["quantity_out_of_range"], Codes(Facts(lines: Line(G3Gcc, quantity))));

    [Fact]
    public void A_retired_offer_is_refused_and_an_unknown_one_too()
    {
        Assert.Equal(["offer_retired"], Codes(Facts(gccCustomer: false, lines: Line(ProPlus))));
        Assert.Equal(["offer_not_found"], Codes(Facts(lines: Line(null))));
    }

    [Fact]
    public void A_term_and_cycle_the_offer_is_not_sold_with_is_refused() =>
        Assert.Equal(["term_not_offered"], Codes(Facts(lines: Line(G3Gcc, term: "P3Y", cycle: "Triennial"))));

    [Fact]
    public void Every_broken_rule_is_returned_at_once_in_a_stable_order() =>
        Assert.Equal(
            ["cart_expired", "customer_agreement_missing", "partner_of_record_attestation_required", "customer_not_gcc_validated", "partner_not_gcc_qualified", "offer_retired", "quantity_out_of_range"],
            Codes(new CheckoutFacts(false, false, false, false, Now, Now, [Line(G3Gcc), Line(ProPlus, 20000, 1)])));
}
