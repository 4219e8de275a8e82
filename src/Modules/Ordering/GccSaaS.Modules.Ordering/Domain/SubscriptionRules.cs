namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>
/// A subscription's life after purchase, in Partner Center's words: <c>Active</c>, or <c>Deleted</c> once cancelled
/// (new commerce cancels by setting the status to <c>deleted</c>; the portal says "Cancelled").
/// </summary>
internal static class SubscriptionLifecycle
{
    public const string Active = "Active";

    /// <summary>Cancelled within the cancellation window: it stays listed, and nothing about it changes any more.</summary>
    public const string Deleted = "Deleted";

    public static readonly IReadOnlyList<string> All = [Active, Deleted];

    /// <summary>The status the API accepts in a PATCH (any case): <c>active</c>, or <c>deleted</c> / <c>cancelled</c> to cancel; else null.</summary>
    public static string? Normalize(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "ACTIVE" => Active,
        "DELETED" or "CANCELLED" or "CANCELED" => Deleted,
        _ => null,
    };
}

/// <summary>The facts of a subscription the change rules need (its offer's bounds and whether the offer is retired).</summary>
internal sealed record SubscriptionFacts(
    string Status,
    int Quantity,
    bool AutoRenewEnabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RenewedAt,
    string OfferName,
    int MinimumQuantity,
    int MaximumQuantity,
    bool OfferRetired);

/// <summary>What a caller asks to change; null: leave as it is (a PATCH carrying the whole resource repeats the current values).</summary>
internal sealed record SubscriptionChangeRequest(int? Quantity, bool? AutoRenewEnabled, string? Status);

/// <summary>One field a change moved, as the outbox event and the audit trail tell it.</summary>
internal sealed record SubscriptionFieldChange(string Field, string? From, string? To);

/// <summary>What the rules decided: the changes to apply, or the problems (the first refuses), never both.</summary>
internal sealed record SubscriptionChangePlan(IReadOnlyList<SubscriptionFieldChange> Changes, IReadOnlyList<CheckoutProblem> Problems)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Changing a subscription after purchase, as Partner Center's new commerce allows it: the license count rises at any
/// time (within the offer's maximum, and not for a retired offer, which cannot be bought); it falls, or the subscription
/// is cancelled, only within the cancellation window of 7 days after purchase or renewal; auto-renew switches on and
/// off (on only while the offer is sold). A cancelled subscription changes no more.
/// </summary>
internal static class SubscriptionRules
{
    /// <summary>New commerce: 7 days after purchase or renewal.</summary>
    public static readonly TimeSpan CancellationWindow = TimeSpan.FromDays(7);

    public const string QuantityField = "quantity";
    public const string AutoRenewField = "autoRenewEnabled";
    public const string StatusField = "status";
    public const string ResellerField = "partnerId";
    public const string SupportContactField = "supportContact";

    /// <summary>The end of the current cancellation window: 7 days after the last renewal, or after the purchase.</summary>
    public static DateTimeOffset CancellationWindowEndsAt(DateTimeOffset createdAt, DateTimeOffset? renewedAt) =>
        (renewedAt ?? createdAt) + CancellationWindow;

    /// <summary>Whether the window is still open at <paramref name="now"/> (it closes at the instant itself, as a cart expires).</summary>
    public static bool WithinCancellationWindow(DateTimeOffset createdAt, DateTimeOffset? renewedAt, DateTimeOffset now) =>
        now < CancellationWindowEndsAt(createdAt, renewedAt);

    public static SubscriptionChangePlan Evaluate(SubscriptionFacts facts, SubscriptionChangeRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(request);
        var changes = new List<SubscriptionFieldChange>();
        var problems = new List<CheckoutProblem>();
        var windowOpen = WithinCancellationWindow(facts.CreatedAt, facts.RenewedAt, now);
        var windowEnds = CancellationWindowEndsAt(facts.CreatedAt, facts.RenewedAt).UtcDateTime;

        if (request.Quantity is { } quantity && quantity != facts.Quantity)
        {
            changes.Add(new(QuantityField, Text(facts.Quantity), Text(quantity)));
            if (quantity > facts.Quantity && facts.OfferRetired)
            {
                problems.Add(new(OrderingErrorCodes.OfferRetired, Arguments: [facts.OfferName]));
            }
            else if (quantity < facts.MinimumQuantity || quantity > facts.MaximumQuantity)
            {
                problems.Add(new(OrderingErrorCodes.QuantityOutOfRange, Arguments: [facts.OfferName, facts.MinimumQuantity, facts.MaximumQuantity]));
            }
            else if (quantity < facts.Quantity && !windowOpen)
            {
                problems.Add(new(OrderingErrorCodes.CancellationWindowClosed, Arguments: [windowEnds]));
            }
        }

        if (request.AutoRenewEnabled is { } autoRenew && autoRenew != facts.AutoRenewEnabled)
        {
            changes.Add(new(AutoRenewField, Text(facts.AutoRenewEnabled), Text(autoRenew)));
            if (autoRenew && facts.OfferRetired)
            {
                problems.Add(new(OrderingErrorCodes.OfferRetired, Arguments: [facts.OfferName]));
            }
        }

        if (request.Status is { } status && status != facts.Status)
        {
            changes.Add(new(StatusField, facts.Status, status));
            if (status == SubscriptionLifecycle.Deleted && !windowOpen)
            {
                problems.Add(new(OrderingErrorCodes.CancellationWindowClosed, Arguments: [windowEnds]));
            }
        }

        // Nothing changes on a cancelled subscription (it is not reactivated either): one refusal says so.
        if (facts.Status != SubscriptionLifecycle.Active && changes.Count > 0)
        {
            return new([], [new(OrderingErrorCodes.SubscriptionNotActive)]);
        }

        return problems.Count > 0 ? new([], problems) : new(changes, []);
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";
}
