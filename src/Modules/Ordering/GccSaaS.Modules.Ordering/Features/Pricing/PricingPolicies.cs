namespace GccSaaS.Modules.Ordering.Features.Pricing;

/// <summary>Who reads and who sets reseller prices (issue 14), registered by <see cref="OrderingModule"/>.</summary>
internal sealed class PricingPolicies : IRolePolicyTable
{
    /// <summary>The Prices page: every member of the tenant; a reseller user sees its own prices only (the page narrows it).</summary>
    public const string CanReadPrices = "CanReadPrices";

    /// <summary>The markups themselves, default and per reseller: provider users.</summary>
    public const string CanReadMarkups = "CanReadMarkups";

    /// <summary>Changing a markup: the provider's Global admin.</summary>
    public const string CanSetMarkups = "CanSetMarkups";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanReadPrices] = GccSaaSRoles.TenantRoles,
        [CanReadMarkups] = GccSaaSRoles.ProviderRoles,
        [CanSetMarkups] = [GccSaaSRoles.GlobalAdmin],
    };
}
