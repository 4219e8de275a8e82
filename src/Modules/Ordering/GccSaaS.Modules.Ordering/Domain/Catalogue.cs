namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>The product families of the catalogue (issue 14; R-VAL-9 names the GCC ones).</summary>
internal static class ProductFamilies
{
    public const string Office365 = "Office365";
    public const string Microsoft365 = "Microsoft365";
    public const string Dynamics365 = "Dynamics365";
    public const string Ems = "EMS";
    public const string PowerBi = "PowerBI";

    public static readonly IReadOnlyList<string> All = [Office365, Microsoft365, Dynamics365, Ems, PowerBi];
}

/// <summary>
/// An offer's purchase segment, as Partner Center's catalogue availability <c>segment</c>: a GCC offer is
/// <see cref="Government"/>. R-PC-3: a GCC customer is sold Government offers only; R-ORD-1: a Government offer
/// only to a GCC-validated customer.
/// </summary>
internal static class OfferSegments
{
    public const string Commercial = "Commercial";
    public const string Government = "Government";

    public static readonly IReadOnlyList<string> All = [Commercial, Government];
}

/// <summary>Term durations (ISO 8601, as Partner Center's <c>termDuration</c>).</summary>
internal static class TermDurations
{
    public const string OneMonth = "P1M";
    public const string OneYear = "P1Y";
    public const string ThreeYears = "P3Y";

    public static readonly IReadOnlyList<string> All = [OneMonth, OneYear, ThreeYears];
}

/// <summary>Billing cycles (Partner Center's <c>BillingCycleType</c> values the catalogue uses).</summary>
internal static class BillingCycles
{
    public const string Monthly = "Monthly";
    public const string Annual = "Annual";
    public const string Triennial = "Triennial";

    public static readonly IReadOnlyList<string> All = [Monthly, Annual, Triennial];

    /// <summary>The spelling the API accepts in any case (<c>monthly</c> as Partner Center's examples write it), or null.</summary>
    public static string? Normalize(string? value) =>
        All.FirstOrDefault(c => string.Equals(c, value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>The cart and order states (Partner Center: cart <c>Active</c> | <c>Ordered</c>; GccSaaS adds <c>Abandoned</c>, R-ORD-2 "Cancel").</summary>
internal static class CartStatuses
{
    public const string Active = "Active";
    public const string Ordered = "Ordered";
    public const string Abandoned = "Abandoned";
}

internal static class SubscriptionStatuses
{
    public const string Active = "Active";
}

/// <summary>Who a subscription's designated support contact is (R-ORD-5, R-PC-9): the provider by default, or a partnered reseller.</summary>
internal static class SupportContactKinds
{
    public const string Provider = "Provider";
    public const string Reseller = "Reseller";
}
