namespace GccSaaS.Modules.Validation.Domain;

/// <summary>The stable refusal codes of the Validation module (API <c>code</c>, page messages, tests).</summary>
/// <remarks>
/// The module's table of <c>/v1</c> codes, registered in its <c>ModuleParts</c>: a constant marked
/// <see cref="ApiErrorAttribute"/> is the module's own code, with its number and status; a constant without one is
/// Customers' <c>partner_not_gcc_qualified</c>, refused here with the same meaning and numbered there.
/// </remarks>
internal static class ValidationErrorCodes
{
    /// <summary>R-PAR-2: only a CSP-enrolled partner can be approved for GCC.</summary>
    [ApiError(150001, StatusCodes.Status400BadRequest)]
    public const string PartnerNotCspEnrolled = "partner_not_csp_enrolled";

    /// <summary>R-VAL-1: an indirect reseller validates through its indirect provider.</summary>
    [ApiError(150002, StatusCodes.Status400BadRequest)]
    public const string IndirectResellerValidatesThroughProvider = "indirect_reseller_validates_through_provider";

    /// <summary>R-VAL-2: the Azure GCC tenant ID must never be used.</summary>
    [ApiError(150003, StatusCodes.Status400BadRequest)]
    public const string AzureGccTenantIdNotAllowed = "azure_gcc_tenant_id_not_allowed";

    /// <summary>R-VAL-1/R-VAL-6: any tenant ID other than the (transacting) partner's commercial one.</summary>
    [ApiError(150004, StatusCodes.Status400BadRequest)]
    public const string TenantIdNotCommercial = "tenant_id_not_commercial";

    [ApiError(150005, StatusCodes.Status409Conflict)]
    public const string PartnerAlreadyQualified = "partner_already_qualified";

    [ApiError(150006, StatusCodes.Status409Conflict)]
    public const string ValidationCaseAlreadyOpen = "validation_case_already_open";

    /// <summary>R-VAL-5: customer validation needs a transacting partner holding Government_community_cloud.</summary>
    public const string PartnerNotGccQualified = "partner_not_gcc_qualified";

    /// <summary>The tenant is not (yet) linked to an organisation of the partner directory.</summary>
    [ApiError(150007, StatusCodes.Status400BadRequest)]
    public const string PartnerOrganisationUnknown = "partner_organisation_unknown";

    /// <summary>An act the case's state does not allow (e.g. approving a Submitted case, acting on a closed one).</summary>
    [ApiError(150008, StatusCodes.Status409Conflict)]
    public const string InvalidTransition = "validation_case_invalid_transition";

    [ApiError(150009, StatusCodes.Status400BadRequest)]
    public const string DenialReasonRequired = "denial_reason_required";

    [ApiError(150010, StatusCodes.Status400BadRequest)]
    public const string InformationRequestMessageRequired = "information_request_message_required";

    [ApiError(150011, StatusCodes.Status400BadRequest)]
    public const string AnswerRequired = "information_answer_required";

    /// <summary>R-PC-2: the code has no customer creations left.</summary>
    [ApiError(150012, StatusCodes.Status400BadRequest)]
    public const string ValidationCodeExhausted = "validation_code_exhausted";

    [ApiError(150013, StatusCodes.Status404NotFound)]
    public const string ValidationCodeNotFound = "validation_code_not_found";

    [ApiError(150014, StatusCodes.Status404NotFound)]
    public const string CaseNotFound = "validation_case_not_found";

    /// <summary>Another act changed the case first (two reviewers at once, or a page loaded before a change).</summary>
    [ApiError(150015, StatusCodes.Status409Conflict)]
    public const string CaseChanged = "validation_case_changed";

    /// <summary>Only a Validation reviewer acts on the review desk.</summary>
    [ApiError(150016, StatusCodes.Status403Forbidden)]
    public const string ReviewerRoleRequired = "validation_reviewer_required";
}
