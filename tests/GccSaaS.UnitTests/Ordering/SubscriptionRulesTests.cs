using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Subscriptions;

namespace GccSaaS.UnitTests.Ordering;

/// <summary>Changing a subscription after purchase, as new commerce allows it (issue 14): the pure rules.</summary>
public sealed class SubscriptionRulesTests
{
    private static readonly DateTimeOffset Bought = new(2026, 12, 21, 10, 0, 0, TimeSpan.Zero);

    private static SubscriptionFacts Facts(int quantity = 25, bool autoRenew = true, string status = SubscriptionLifecycle.Active, bool retired = false, DateTimeOffset? renewed = null) =>
        new(status, quantity, autoRenew, Bought, renewed, "Office 365 G3 GCC", 1, 10000, retired);

    private static SubscriptionChangePlan Change(SubscriptionFacts facts, DateTimeOffset now, int? quantity = null, bool? autoRenew = null, string? status = null) =>
        SubscriptionRules.Evaluate(facts, new SubscriptionChangeRequest(quantity, autoRenew, status), now);

    private static IEnumerable<string> Codes(SubscriptionChangePlan plan) => plan.Problems.Select(p => p.Code);

    [Fact]
    public void The_license_count_rises_at_any_time_within_the_offers_maximum()
    {
        var plan = Change(Facts(), Bought.AddYears(1).AddDays(-1), quantity: 40);

        Assert.False(plan.Refused);
        Assert.Equal([new SubscriptionFieldChange("quantity", "25", "40")], plan.Changes);
        Assert.Equal(["quantity_out_of_range"], Codes(Change(Facts(), Bought, quantity: 10001)));
    }

    [Fact]
    public void New_commerce_lowering_the_license_count_is_allowed_within_7_days_of_purchase_and_refused_from_the_7th_day_on()
    {
        Assert.False(Change(Facts(), Bought.AddDays(7).AddTicks(-1), quantity: 20).Refused);
        Assert.Equal(["cancellation_window_closed"], Codes(Change(Facts(), Bought.AddDays(7), quantity: 20)));
    }

    [Fact]
    public void New_commerce_cancelling_is_allowed_within_7_days_of_purchase_or_renewal_only()
    {
        var renewed = Bought.AddYears(1);

        Assert.Equal([new SubscriptionFieldChange("status", "Active", "Deleted")], Change(Facts(), Bought.AddDays(3), status: SubscriptionLifecycle.Deleted).Changes);
        Assert.Equal(["cancellation_window_closed"], Codes(Change(Facts(), Bought.AddDays(8), status: SubscriptionLifecycle.Deleted)));
        Assert.False(Change(Facts(renewed: renewed), renewed.AddDays(2), status: SubscriptionLifecycle.Deleted).Refused);
        Assert.Equal(renewed.AddDays(7), SubscriptionRules.CancellationWindowEndsAt(Bought, renewed));
    }

    [Fact]
    public void Auto_renew_switches_on_and_off_at_any_time()
    {
        Assert.Equal([new SubscriptionFieldChange("autoRenewEnabled", "true", "false")], Change(Facts(), Bought.AddDays(200), autoRenew: false).Changes);
        Assert.Equal([new SubscriptionFieldChange("autoRenewEnabled", "false", "true")], Change(Facts(autoRenew: false), Bought.AddDays(200), autoRenew: true).Changes);
    }

    [Fact]
    public void The_same_values_again_change_nothing()
    {
        var plan = Change(Facts(), Bought.AddDays(30), quantity: 25, autoRenew: true, status: SubscriptionLifecycle.Active);

        Assert.False(plan.Refused);
        Assert.Empty(plan.Changes);
    }

    [Fact]
    public void A_retired_offer_cannot_be_bought_more_of_nor_renewed_but_its_subscription_may_shrink_within_the_window_and_stop_renewing()
    {
        var retired = Facts(retired: true);

        Assert.Equal(["offer_retired"], Codes(Change(retired, Bought.AddDays(1), quantity: 30)));
        Assert.Equal(["offer_retired"], Codes(Change(Facts(autoRenew: false, retired: true), Bought.AddDays(1), autoRenew: true)));
        Assert.False(Change(retired, Bought.AddDays(1), quantity: 20).Refused);
        Assert.False(Change(retired, Bought.AddDays(100), autoRenew: false).Refused);
    }

    [Fact]
    public void A_cancelled_subscription_changes_no_more_and_is_not_reactivated()
    {
        var cancelled = Facts(status: SubscriptionLifecycle.Deleted, autoRenew: false);

        Assert.Equal(["subscription_not_active"], Codes(Change(cancelled, Bought.AddDays(1), quantity: 30)));
        Assert.Equal(["subscription_not_active"], Codes(Change(cancelled, Bought.AddDays(1), status: SubscriptionLifecycle.Active)));
        Assert.False(Change(cancelled, Bought.AddDays(1), quantity: 25, status: SubscriptionLifecycle.Deleted).Refused);
    }

    [Theory]
    [InlineData("active", "Active")]
    [InlineData("Deleted", "Deleted")]
    [InlineData("cancelled", "Deleted")]
    [InlineData("suspended", null)]
    [InlineData("", null)]
    public void The_API_status_names_Partner_Centers_values(string given, string? expected) =>
        Assert.Equal(expected, SubscriptionLifecycle.Normalize(given));

    [Fact]
    public void An_ETag_names_the_version_and_If_Match_matches_only_the_current_one()
    {
        Assert.Equal("\"v3\"", SubscriptionETags.For(3));
        Assert.True(SubscriptionETags.Matches("\"v3\"", 3));
        Assert.True(SubscriptionETags.Matches("\"v1\", \"v3\"", 3));
        Assert.False(SubscriptionETags.Matches("\"v2\"", 3));
        Assert.False(SubscriptionETags.Matches("*", 3));
        Assert.False(SubscriptionETags.Matches("W/\"v3\"", 3));
        Assert.False(SubscriptionETags.Matches(null, 3));
    }
}
