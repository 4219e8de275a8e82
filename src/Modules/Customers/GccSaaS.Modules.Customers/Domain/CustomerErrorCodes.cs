namespace GccSaaS.Modules.Customers.Domain;

/// <summary>The stable codes of the Customers module's refusals (clients branch on them).</summary>
internal static class CustomerErrorCodes
{
    public const string CustomerNotFound = "customer_not_found";

    /// <summary>R-PC-5: the primary domain belongs to another customer tenant already.</summary>
    public const string DomainTaken = "domain_taken";

    public const string DomainInvalid = "domain_invalid";

    /// <summary>R-VAL-4: only a partner holding Government_community_cloud creates or qualifies GCC customers.</summary>
    public const string PartnerNotGccQualified = "partner_not_gcc_qualified";

    /// <summary>R-PC-4: the named reseller has no active partnership with the provider.</summary>
    public const string ResellerPartnershipNotActive = "reseller_partnership_not_active";

    /// <summary>R-VAL-5: a GCC qualification needs the partner's validation code.</summary>
    public const string ValidationCodeRequired = "validation_code_required";

    /// <summary>R-PC-1: an approved qualification is not withdrawn or requested again.</summary>
    public const string QualificationAlreadyExists = "qualification_already_exists";

    public const string QualificationNotSupported = "qualification_not_supported";

    /// <summary>R-PC-6: the same agreement is attested once.</summary>
    public const string AgreementAlreadyExists = "agreement_already_exists";

    public const string AgreementDateInFuture = "agreement_date_in_future";

    /// <summary>R-PC-6: an indirect reseller cannot attest the agreement; its provider does.</summary>
    public const string ResellerCannotAttest = "reseller_cannot_attest";

    public const string ResellerCannotManage = "reseller_cannot_manage";
}
