namespace GccSaaS.Modules.Ordering.Domain;

/// <summary>The stable codes of the Ordering module's refusals (clients branch on them).</summary>
/// <remarks>
/// The module's table of <c>/v1</c> codes, registered in its <c>ModuleParts</c>: a constant marked
/// <see cref="ApiErrorAttribute"/> is the module's own code, with its number and status; a constant without one is
/// Customers' <c>customer_not_found</c>, <c>partner_not_gcc_qualified</c> and <c>reseller_partnership_not_active</c>, refused here with the same meaning and numbered there.
/// </remarks>
internal static class OrderingErrorCodes
{
    public const string CustomerNotFound = "customer_not_found";

    [ApiError(160001, StatusCodes.Status404NotFound)]
    public const string CartNotFound = "cart_not_found";

    [ApiError(10001, StatusCodes.Status404NotFound)]
    public const string OfferNotFound = "offer_not_found";

    /// <summary>The line's term and billing cycle are not one of the offer's prices.</summary>
    [ApiError(160002, StatusCodes.Status400BadRequest)]
    public const string TermNotOffered = "term_not_offered";

    /// <summary>R-ORD-1, R-VAL-8: a GCC offer for a customer not validated for GCC.</summary>
    [ApiError(160003, StatusCodes.Status400BadRequest)]
    public const string CustomerNotGccValidated = "customer_not_gcc_validated";

    /// <summary>R-ORD-1, R-VAL-4: a GCC offer sold by a partner without Government_community_cloud.</summary>
    public const string PartnerNotGccQualified = "partner_not_gcc_qualified";

    /// <summary>R-PC-3: a commercial offer for a GCC customer.</summary>
    [ApiError(160004, StatusCodes.Status400BadRequest)]
    public const string CommercialOfferForGccCustomer = "commercial_offer_for_gcc_customer";

    /// <summary>R-PC-6, R-CUS-4: no customer agreement attestation recorded.</summary>
    [ApiError(13605, StatusCodes.Status400BadRequest)]
    public const string CustomerAgreementMissing = "customer_agreement_missing";

    /// <summary>R-ORD-2, R-PC-8: the partner-of-record attestation ("I act as an indirect partner") is not accepted.</summary>
    [ApiError(10012, StatusCodes.Status400BadRequest)]
    public const string AttestationNotAccepted = "partner_of_record_attestation_required";

    /// <summary>R-PC-7: the provider itself is never the reseller of record.</summary>
    [ApiError(2072, StatusCodes.Status400BadRequest)]
    public const string ProviderCannotBeResellerOfRecord = "provider_cannot_be_reseller_of_record";

    /// <summary>R-PC-7, R-REL-2: the reseller's partnership with the provider is not active.</summary>
    public const string ResellerPartnershipNotActive = "reseller_partnership_not_active";

    /// <summary>The reseller of record of a customer's purchase is the customer's reseller (R-CUS-3, R-ORD-3).</summary>
    [ApiError(160005, StatusCodes.Status400BadRequest)]
    public const string ResellerNotCustomersReseller = "reseller_not_customers_reseller";

    [ApiError(160006, StatusCodes.Status400BadRequest)]
    public const string QuantityOutOfRange = "quantity_out_of_range";

    [ApiError(160007, StatusCodes.Status400BadRequest)]
    public const string OfferRetired = "offer_retired";

    /// <summary>R-PC-8: a cart expires 7 days after its creation.</summary>
    [ApiError(160008, StatusCodes.Status409Conflict)]
    public const string CartExpired = "cart_expired";

    [ApiError(160009, StatusCodes.Status400BadRequest)]
    public const string CartEmpty = "cart_empty";

    /// <summary>The cart was ordered or abandoned: it cannot change any more.</summary>
    [ApiError(160010, StatusCodes.Status409Conflict)]
    public const string CartNotActive = "cart_not_active";

    /// <summary>Reseller prices: a markup is a percentage from 0 to 100 with at most two decimals.</summary>
    [ApiError(160011, StatusCodes.Status400BadRequest)]
    public const string MarkupOutOfRange = "markup_out_of_range";

    /// <summary>Reseller prices: a markup is set only for a reseller whose partnership with the provider is active.</summary>
    [ApiError(160012, StatusCodes.Status400BadRequest)]
    public const string MarkupResellerNotPartnered = "markup_reseller_not_partnered";

    /// <summary>Reseller prices: only the provider's Global admin changes markups.</summary>
    [ApiError(160013, StatusCodes.Status403Forbidden)]
    public const string MarkupsGlobalAdminOnly = "markups_global_admin_only";

    // ---- Subscriptions after purchase, catalogue administration (issue 14, second part)

    [ApiError(160014, StatusCodes.Status404NotFound)]
    public const string SubscriptionNotFound = "subscription_not_found";

    /// <summary>R-ORD-6, R-REL-6: a subscription the customer bought directly from the vendor is read-only to the partner.</summary>
    [ApiError(800098, StatusCodes.Status400BadRequest)]
    public const string SubscriptionBoughtDirectly = "subscription_bought_directly";

    /// <summary>A cancelled subscription changes no more (it is not reactivated either).</summary>
    [ApiError(160015, StatusCodes.Status409Conflict)]
    public const string SubscriptionNotActive = "subscription_not_active";

    /// <summary>New commerce: lowering the license count or cancelling only within 7 days after purchase or renewal.</summary>
    [ApiError(160016, StatusCodes.Status400BadRequest)]
    public const string CancellationWindowClosed = "cancellation_window_closed";

    /// <summary>PATCH without <c>If-Match</c> (API: 428).</summary>
    [ApiError(160017, StatusCodes.Status428PreconditionRequired)]
    public const string IfMatchRequired = "if_match_required";

    /// <summary>The ETag (the version the editor saw) is no longer the subscription's: someone changed it meanwhile (API: 412).</summary>
    [ApiError(2055, StatusCodes.Status412PreconditionFailed)]
    public const string SubscriptionEtagStale = "subscription_etag_stale";

    /// <summary>The reseller of record and the support contact are the provider's to set (R-ORD-4, R-ORD-5): a reseller user is refused.</summary>
    [ApiError(160018, StatusCodes.Status403Forbidden)]
    public const string ProviderUsersOnly = "provider_users_only";

    /// <summary>R-PC-9: the support contact's tenant ID is not the one of the partner its PartnerID names.</summary>
    [ApiError(160019, StatusCodes.Status400BadRequest)]
    public const string SupportTenantIdMismatch = "support_tenant_id_mismatch";

    /// <summary>The portal's Cancel asks for a confirmation first.</summary>
    [ApiError(160020, StatusCodes.Status400BadRequest)]
    public const string CancellationNotConfirmed = "cancellation_not_confirmed";

    /// <summary>Catalogue administration: an offer id is used once, ever.</summary>
    [ApiError(160021, StatusCodes.Status409Conflict)]
    public const string OfferIdTaken = "offer_id_taken";

    [ApiError(160022, StatusCodes.Status409Conflict)]
    public const string OfferAlreadyRetired = "offer_already_retired";
}
