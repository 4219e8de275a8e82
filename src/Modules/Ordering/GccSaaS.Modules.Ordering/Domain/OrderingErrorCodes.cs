namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>The stable codes of the Ordering module's refusals (clients branch on them).</summary>
internal static class OrderingErrorCodes
{
    public const string CustomerNotFound = "customer_not_found";

    public const string CartNotFound = "cart_not_found";

    public const string OfferNotFound = "offer_not_found";

    /// <summary>The line's term and billing cycle are not one of the offer's prices.</summary>
    public const string TermNotOffered = "term_not_offered";

    /// <summary>R-ORD-1, R-VAL-8: a GCC offer for a customer not validated for GCC.</summary>
    public const string CustomerNotGccValidated = "customer_not_gcc_validated";

    /// <summary>R-ORD-1, R-VAL-4: a GCC offer sold by a partner without Government_community_cloud.</summary>
    public const string PartnerNotGccQualified = "partner_not_gcc_qualified";

    /// <summary>R-PC-3: a commercial offer for a GCC customer.</summary>
    public const string CommercialOfferForGccCustomer = "commercial_offer_for_gcc_customer";

    /// <summary>R-PC-6, R-CUS-4: no customer agreement attestation recorded.</summary>
    public const string CustomerAgreementMissing = "customer_agreement_missing";

    /// <summary>R-ORD-2, R-PC-8: the partner-of-record attestation ("I act as an indirect partner") is not accepted.</summary>
    public const string AttestationNotAccepted = "partner_of_record_attestation_required";

    /// <summary>R-PC-7: the provider itself is never the reseller of record.</summary>
    public const string ProviderCannotBeResellerOfRecord = "provider_cannot_be_reseller_of_record";

    /// <summary>R-PC-7, R-REL-2: the reseller's partnership with the provider is not active.</summary>
    public const string ResellerPartnershipNotActive = "reseller_partnership_not_active";

    /// <summary>The reseller of record of a customer's purchase is the customer's reseller (R-CUS-3, R-ORD-3).</summary>
    public const string ResellerNotCustomersReseller = "reseller_not_customers_reseller";

    public const string QuantityOutOfRange = "quantity_out_of_range";

    public const string OfferRetired = "offer_retired";

    /// <summary>R-PC-8: a cart expires 7 days after its creation.</summary>
    public const string CartExpired = "cart_expired";

    public const string CartEmpty = "cart_empty";

    /// <summary>The cart was ordered or abandoned: it cannot change any more.</summary>
    public const string CartNotActive = "cart_not_active";

    /// <summary>Reseller prices: a markup is a percentage from 0 to 100 with at most two decimals.</summary>
    public const string MarkupOutOfRange = "markup_out_of_range";

    /// <summary>Reseller prices: a markup is set only for a reseller whose partnership with the provider is active.</summary>
    public const string MarkupResellerNotPartnered = "markup_reseller_not_partnered";

    /// <summary>Reseller prices: only the provider's Global admin changes markups.</summary>
    public const string MarkupsGlobalAdminOnly = "markups_global_admin_only";
}
