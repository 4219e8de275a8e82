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

    // ---- Subscriptions after purchase, catalogue administration (issue 14, second part)

    public const string SubscriptionNotFound = "subscription_not_found";

    /// <summary>R-ORD-6, R-REL-6: a subscription the customer bought directly from the vendor is read-only to the partner.</summary>
    public const string SubscriptionBoughtDirectly = "subscription_bought_directly";

    /// <summary>A cancelled subscription changes no more (it is not reactivated either).</summary>
    public const string SubscriptionNotActive = "subscription_not_active";

    /// <summary>New commerce: lowering the license count or cancelling only within 7 days after purchase or renewal.</summary>
    public const string CancellationWindowClosed = "cancellation_window_closed";

    /// <summary>PATCH without <c>If-Match</c> (API: 428).</summary>
    public const string IfMatchRequired = "if_match_required";

    /// <summary>The ETag (the version the editor saw) is no longer the subscription's: someone changed it meanwhile (API: 412).</summary>
    public const string SubscriptionEtagStale = "subscription_etag_stale";

    /// <summary>The reseller of record and the support contact are the provider's to set (R-ORD-4, R-ORD-5): a reseller user is refused.</summary>
    public const string ProviderUsersOnly = "provider_users_only";

    /// <summary>R-PC-9: the support contact's tenant ID is not the one of the partner its PartnerID names.</summary>
    public const string SupportTenantIdMismatch = "support_tenant_id_mismatch";

    /// <summary>The portal's Cancel asks for a confirmation first.</summary>
    public const string CancellationNotConfirmed = "cancellation_not_confirmed";

    /// <summary>Catalogue administration: an offer id is used once, ever.</summary>
    public const string OfferIdTaken = "offer_id_taken";

    public const string OfferAlreadyRetired = "offer_already_retired";
}
