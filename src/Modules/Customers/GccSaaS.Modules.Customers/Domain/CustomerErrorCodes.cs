namespace GccSaaS.Modules.Customers.Domain;

/// <summary>The stable codes of the Customers module's refusals, with their /v1 number and status (clients branch on them).</summary>
internal static class CustomerErrorCodes
{
    [ApiError(130001, StatusCodes.Status404NotFound)]
    public const string CustomerNotFound = "customer_not_found";

    /// <summary>R-PC-5: the primary domain belongs to another customer tenant already.</summary>
    [ApiError(130002, StatusCodes.Status409Conflict)]
    public const string DomainTaken = "domain_taken";

    [ApiError(130003, StatusCodes.Status400BadRequest)]
    public const string DomainInvalid = "domain_invalid";

    /// <summary>R-VAL-4: only a partner holding Government_community_cloud creates or qualifies GCC customers.</summary>
    [ApiError(130004, StatusCodes.Status400BadRequest)]
    public const string PartnerNotGccQualified = "partner_not_gcc_qualified";

    /// <summary>R-PC-4: the named reseller has no active partnership with the provider.</summary>
    [ApiError(130005, StatusCodes.Status400BadRequest)]
    public const string ResellerPartnershipNotActive = "reseller_partnership_not_active";

    /// <summary>R-VAL-5: a GCC qualification needs the partner's validation code.</summary>
    [ApiError(130006, StatusCodes.Status400BadRequest)]
    public const string ValidationCodeRequired = "validation_code_required";

    /// <summary>R-PC-1: an approved qualification is not withdrawn or requested again.</summary>
    [ApiError(130007, StatusCodes.Status409Conflict)]
    public const string QualificationAlreadyExists = "qualification_already_exists";

    [ApiError(130008, StatusCodes.Status400BadRequest)]
    public const string QualificationNotSupported = "qualification_not_supported";

    /// <summary>R-PC-6: the same agreement is attested once.</summary>
    [ApiError(600061, StatusCodes.Status409Conflict)]
    public const string AgreementAlreadyExists = "agreement_already_exists";

    [ApiError(130009, StatusCodes.Status400BadRequest)]
    public const string AgreementDateInFuture = "agreement_date_in_future";

    /// <summary>R-PC-6: an indirect reseller cannot attest the agreement; its provider does.</summary>
    [ApiError(130010, StatusCodes.Status403Forbidden)]
    public const string ResellerCannotAttest = "reseller_cannot_attest";

    [ApiError(130011, StatusCodes.Status403Forbidden)]
    public const string ResellerCannotManage = "reseller_cannot_manage";

    [ApiError(130012, StatusCodes.Status403Forbidden)]
    public const string GlobalAdminRequired = "global_admin_required";

    [ApiError(130013, StatusCodes.Status404NotFound)]
    public const string CustomerUserNotFound = "customer_user_not_found";

    [ApiError(130014, StatusCodes.Status400BadRequest)]
    public const string PasswordProfileRequired = "password_profile_required";

    [ApiError(130015, StatusCodes.Status400BadRequest)]
    public const string PasswordChosenByService = "password_chosen_by_service";

    [ApiError(130016, StatusCodes.Status400BadRequest)]
    public const string CustomerUserNameInvalid = "customer_user_name_invalid";

    [ApiError(130017, StatusCodes.Status400BadRequest)]
    public const string CustomerUserEmailInvalid = "customer_user_email_invalid";

    [ApiError(130018, StatusCodes.Status403Forbidden)]
    public const string DelegatedPermissionMissing = "delegated_permission_missing";
}
