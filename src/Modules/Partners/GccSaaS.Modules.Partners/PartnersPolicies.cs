namespace GccSaaS.Modules.Partners;

/// <summary>Who may ask the operator to change a listing (R-PAR-5).</summary>
internal sealed class PartnersPolicies : IRolePolicyTable
{
    /// <summary>R-PAR-5: an indirect provider's Global admin asks the operator to change its listing.</summary>
    public const string CanRequestListingChange = "CanRequestListingChange";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanRequestListingChange] = [GccSaaSRoles.GlobalAdmin],
    };
}
