namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>
/// Reseller prices (issue 14, beyond Partner Center): the provider's Global admin sets a markup percentage by default
/// and per reseller; a reseller's price is the list price × (1 + markup), rounded to the cent. An order keeps the list
/// price, the reseller price and the markup in force at checkout, so a later change of markup never rewrites it.
/// </summary>
internal static class ResellerPrices
{
    /// <summary>The highest markup a provider may set: doubling the list price.</summary>
    public const decimal MaxMarkupPercent = 100m;

    /// <summary>A markup is a percentage from 0 to 100 with at most two decimals (numeric(5,2)).</summary>
    public static bool IsValidMarkup(decimal percent) =>
        percent >= 0m && percent <= MaxMarkupPercent && decimal.Round(percent, 2) == percent;

    /// <summary>The reseller's price of one licence for one billing period.</summary>
    public static decimal Of(decimal listPrice, decimal markupPercent) =>
        decimal.Round(listPrice * (1m + (markupPercent / 100m)), 2, MidpointRounding.AwayFromZero);

    /// <summary>The markup in force for a reseller: its own when the provider set one, else the provider's default, else none.</summary>
    public static decimal InForce(decimal? resellerMarkup, decimal? defaultMarkup) => resellerMarkup ?? defaultMarkup ?? 0m;
}
