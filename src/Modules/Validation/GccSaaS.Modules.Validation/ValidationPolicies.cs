namespace GccSaaS.Modules.Validation;

/// <summary>Who submits and who reviews GCC validations (R-VAL-1, R-VAL-5, R-VAL-6).</summary>
internal sealed class ValidationPolicies : IRolePolicyTable
{
    /// <summary>R-VAL-1: a direct-bill partner's Global admin submits the partner validation.</summary>
    public const string CanSubmitPartnerValidation = "CanSubmitPartnerValidation";

    /// <summary>R-VAL-5, R-VAL-6: every tenant role submits customer validations (resellers through their provider's workspace).</summary>
    public const string CanSubmitCustomerValidation = "CanSubmitCustomerValidation";

    /// <summary>The operator's review desk.</summary>
    public const string ValidationReviewer = "ValidationReviewer";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanSubmitPartnerValidation] = [GccSaaSRoles.GlobalAdmin],
        [CanSubmitCustomerValidation] = GccSaaSRoles.TenantRoles,
        [ValidationReviewer] = [GccSaaSRoles.ValidationReviewer],
    };
}
