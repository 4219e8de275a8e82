using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>
/// One error of <c>/v1</c>: its stable snake_case <see cref="Name"/> (the problem's <c>type</c> is
/// <c>urn:gccsaas:error:{name}</c>), the <see cref="Number"/> a Partner Center client reads as <c>code</c>, and the
/// <see cref="Status"/> it answers with on <c>/v1</c> when a business rule refuses (Partner Center: 400, or 409 for a
/// conflict; never 422).
/// </summary>
public sealed record ApiErrorCode(string Name, int Number, int Status);

/// <summary>
/// The one table of <c>/v1</c> error codes (issue 13, R-PC-10). A name maps to Partner Center's number where Partner
/// Center has one for the same condition (600061, 3000, 800016, 900123, 2072, 2201, 800098, 2055, 13605, 10001, 10012,
/// 1000, 800002, 400, 900150), else to a number of the product's own range: 1MMnnn, MM the module's block (00 the API's
/// conventions, 10 Identity, 20 Partners, 30 Customers, 40 Relationships, 50 Validation, 60 Ordering, 70 Notifications,
/// 90 the field-level codes of <c>data</c>). Numbers never change and are never reused; docs/api.md lists them all, and
/// an architecture test proves every code the product throws is here.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>The problem <c>type</c> of a code: this prefix and the code's name.</summary>
    public const string TypePrefix = "urn:gccsaas:error:";

    /// <summary>The number of a name that is not in the table (only <c>http_{status}</c> fallbacks can be).</summary>
    public const int UnlistedNumber = 100000;

    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int Unauthorized = StatusCodes.Status401Unauthorized;
    private const int Forbidden = StatusCodes.Status403Forbidden;
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int Conflict = StatusCodes.Status409Conflict;

    /// <summary>Every code, in the order docs/api.md lists them.</summary>
    public static readonly IReadOnlyList<ApiErrorCode> All =
    [
        // ---- 100nnn: the API's conventions (BuildingBlocks/Web, host), and Partner Center's generic numbers
        new("invalid_input", 800002, BadRequest),
        new("invalid_json", 100001, BadRequest),
        new("invalid_field", 100002, BadRequest),
        new("field_too_long", 100003, BadRequest),
        new("required", 100004, BadRequest),
        new("invalid_continuation_token", 100005, BadRequest),
        new("unauthorized", 400, Unauthorized),
        new("forbidden", 900150, Forbidden),
        new("not_found", 1000, NotFound),
        new("method_not_allowed", 100006, StatusCodes.Status405MethodNotAllowed),
        new("not_acceptable", 100007, StatusCodes.Status406NotAcceptable),
        new("conflict", 100008, Conflict),
        new("precondition_failed", 100009, StatusCodes.Status412PreconditionFailed),
        new("payload_too_large", 100010, StatusCodes.Status413PayloadTooLarge),
        new("unsupported_media_type", 100011, StatusCodes.Status415UnsupportedMediaType),
        new("unsupported_content_encoding", 100012, StatusCodes.Status415UnsupportedMediaType),
        new("rate_limited", 100013, StatusCodes.Status429TooManyRequests),
        new("internal_error", 100014, StatusCodes.Status500InternalServerError),
        new("service_unavailable", 100015, StatusCodes.Status503ServiceUnavailable),
        new("request_id_reused", 100016, BadRequest),
        new("request_in_progress", 100017, Conflict),
        new("tenant_not_found", 100018, NotFound),
        new("too_many_items", 100019, BadRequest),

        // ---- 110nnn: Identity (members, invitations to a tenant, API keys, two-factor)
        new("account_exists", 110001, Conflict),
        new("already_member", 110002, Conflict),
        new("api_key_not_found", 110003, NotFound),
        new("member_not_found", 110004, NotFound),
        new("last_global_admin", 110005, Conflict),
        new("two_factor_enabled", 110006, Conflict),
        new("invalid_two_factor_code", 110007, BadRequest),
        new("identity_error", 110008, BadRequest),
        new("tenant_identifier_taken", 110009, Conflict),
        new("api_key_expired", 110020, Unauthorized),
        new("unknown_time_zone", 110050, BadRequest),
        new("password_reset_link_invalid", 110060, BadRequest),

        // ---- 120nnn: Partners (directory, profiles, listing requests, PartnerID verification R-PC-7)
        new("partner_organisation_not_found", 120001, NotFound),
        new("workspace_tenant_not_found", 120002, BadRequest),
        new("partner_id_taken", 120003, Conflict),
        new("commercial_tenant_id_taken", 120004, Conflict),
        new("workspace_tenant_taken", 120005, Conflict),
        new("organization_not_linked", 120006, NotFound),
        new("listing_changes_through_listing_requests", 120007, BadRequest),
        new("qualifications_through_validation", 120008, BadRequest),
        new("listing_requests_for_indirect_providers_only", 120009, BadRequest),
        new("already_listed", 120010, Conflict),
        new("not_listed", 120011, Conflict),
        new("listing_request_already_open", 120012, Conflict),
        new("listing_request_already_decided", 120013, Conflict),
        new("listing_request_not_found", 120014, NotFound),
        new("decline_reason_required", 120015, BadRequest),
        new("partner_id_not_usable", 120016, BadRequest),
        new("unknown_partner_id", 3000, BadRequest),
        new("not_indirect_reseller", 800016, BadRequest),
        new("partner_agreement_not_signed", 900123, BadRequest),
        new("region_mismatch", 2201, BadRequest),

        // ---- 130nnn: Customers (customers, qualifications, reseller association, agreements)
        new("customer_not_found", 130001, NotFound),
        new("domain_taken", 130002, Conflict),
        new("domain_invalid", 130003, BadRequest),
        new("partner_not_gcc_qualified", 130004, BadRequest),
        new("reseller_partnership_not_active", 130005, BadRequest),
        new("validation_code_required", 130006, BadRequest),
        new("qualification_already_exists", 130007, Conflict),
        new("qualification_not_supported", 130008, BadRequest),
        new("agreement_already_exists", 600061, Conflict),
        new("agreement_date_in_future", 130009, BadRequest),
        new("reseller_cannot_attest", 130010, Forbidden),
        new("reseller_cannot_manage", 130011, Forbidden),
        new("global_admin_required", 130012, Forbidden),
        new("customer_user_not_found", 130013, NotFound),
        new("password_profile_required", 130014, BadRequest),
        new("password_chosen_by_service", 130015, BadRequest),
        new("customer_user_name_invalid", 130016, BadRequest),
        new("customer_user_email_invalid", 130017, BadRequest),
        new("delegated_permission_missing", 130018, Forbidden),

        // ---- 140nnn: Relationships (partnerships, invitations, customer relationship requests)
        new("invitation_not_found", 140001, NotFound),
        new("invitation_expired", 140002, BadRequest),
        new("invitation_used", 140003, Conflict),
        new("invitation_revoked", 140004, BadRequest),
        new("invitation_link_missing", 140005, BadRequest),
        new("invitation_for_another_address", 140006, Forbidden),
        new("invitation_not_open", 140007, Conflict),
        new("partnership_already_active", 140008, Conflict),
        new("partnership_not_found", 140009, NotFound),
        new("already_member_of_tenant", 140010, Conflict),
        new("attestation_required", 140011, BadRequest),
        new("customer_credentials_invalid", 140012, BadRequest),
        new("reseller_not_partnered", 140013, BadRequest),
        new("invalid_relationship_type", 140014, BadRequest),
        new("invitation_settings_out_of_range", 140015, BadRequest),
        new("sign_in_required", 140016, Forbidden),

        // ---- 150nnn: Validation (GCC validation cases and codes)
        new("partner_not_csp_enrolled", 150001, BadRequest),
        new("indirect_reseller_validates_through_provider", 150002, BadRequest),
        new("azure_gcc_tenant_id_not_allowed", 150003, BadRequest),
        new("tenant_id_not_commercial", 150004, BadRequest),
        new("partner_already_qualified", 150005, Conflict),
        new("validation_case_already_open", 150006, Conflict),
        new("partner_organisation_unknown", 150007, BadRequest),
        new("validation_case_invalid_transition", 150008, Conflict),
        new("denial_reason_required", 150009, BadRequest),
        new("information_request_message_required", 150010, BadRequest),
        new("information_answer_required", 150011, BadRequest),
        new("validation_code_exhausted", 150012, BadRequest),
        new("validation_code_not_found", 150013, NotFound),
        new("validation_case_not_found", 150014, NotFound),
        new("validation_case_changed", 150015, Conflict),
        new("validation_reviewer_required", 150016, Forbidden),

        // ---- 160nnn: Ordering (catalogue, carts, checkout, orders, subscriptions, markups)
        new("cart_not_found", 160001, NotFound),
        new("offer_not_found", 10001, NotFound),
        new("term_not_offered", 160002, BadRequest),
        new("customer_not_gcc_validated", 160003, BadRequest),
        new("commercial_offer_for_gcc_customer", 160004, BadRequest),
        new("customer_agreement_missing", 13605, BadRequest),
        new("partner_of_record_attestation_required", 10012, BadRequest),
        new("provider_cannot_be_reseller_of_record", 2072, BadRequest),
        new("reseller_not_customers_reseller", 160005, BadRequest),
        new("quantity_out_of_range", 160006, BadRequest),
        new("offer_retired", 160007, BadRequest),
        new("cart_expired", 160008, Conflict),
        new("cart_empty", 160009, BadRequest),
        new("cart_not_active", 160010, Conflict),
        new("markup_out_of_range", 160011, BadRequest),
        new("markup_reseller_not_partnered", 160012, BadRequest),
        new("markups_global_admin_only", 160013, Forbidden),
        new("subscription_not_found", 160014, NotFound),
        new("subscription_bought_directly", 800098, BadRequest),
        new("subscription_not_active", 160015, Conflict),
        new("cancellation_window_closed", 160016, BadRequest),
        new("if_match_required", 160017, StatusCodes.Status428PreconditionRequired),
        new("subscription_etag_stale", 2055, StatusCodes.Status412PreconditionFailed),
        new("provider_users_only", 160018, Forbidden),
        new("support_tenant_id_mismatch", 160019, BadRequest),
        new("cancellation_not_confirmed", 160020, BadRequest),
        new("offer_id_taken", 160021, Conflict),
        new("offer_already_retired", 160022, Conflict),

        // ---- 170nnn: Notifications (notification centre, audit log)
        new("notification_not_found", 170001, NotFound),
        new("tenant_mismatch", 170002, BadRequest),
        new("webhook_not_found", 170003, NotFound),
        new("webhook_events_not_allowed", 170004, Forbidden),
        new("webhook_event_types_invalid", 170005, BadRequest),
        new("webhook_limit_reached", 170006, Conflict),
        new("webhook_delivery_not_found", 170007, BadRequest),
        new("webhook_url_invalid", 170008, BadRequest),
        new("webhook_address_unresolvable", 170009, BadRequest),
        new("webhook_address_forbidden", 170010, BadRequest),
        new("webhook_url_not_https", 170011, BadRequest),

        // ---- 190nnn: field-level codes, found in a 400's data [{ field, code, message }]
        new("invalid", 190001, BadRequest),
        new("too_long", 190002, BadRequest),
        new("out_of_range", 190003, BadRequest),
        new("invalid_email", 190004, BadRequest),
        new("invalid_role", 190005, BadRequest),
        new("invalid_identifier", 190006, BadRequest),
        new("invalid_date", 190007, BadRequest),
        new("invalid_range", 190008, BadRequest),
        new("not_a_guid", 190009, BadRequest),
        new("unsupported", 190010, BadRequest),
        new("unknown_parameter", 190011, BadRequest),
        new("unknown_key", 190012, BadRequest),
        new("unknown_field", 190013, BadRequest),
        new("unknown_operator", 190014, BadRequest),
        new("value_required", 190015, BadRequest),
        new("invalid_value", 190016, BadRequest),
        new("eligibility_required", 190017, BadRequest),
        new("reseller_organisation_required", 190018, BadRequest),
        new("reseller_organisation_not_allowed", 190019, BadRequest),
    ];

    private static readonly FrozenDictionary<string, ApiErrorCode> ByName = All.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);

    /// <summary>The code of <paramref name="name"/>, or null when the table has none.</summary>
    public static ApiErrorCode? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The number a client reads as <c>code</c>.</summary>
    public static int NumberOf(string name) => Find(name)?.Number ?? UnlistedNumber;

    /// <summary>The problem <c>type</c> of a name: <c>urn:gccsaas:error:{name}</c>.</summary>
    public static string TypeOf(string name) => TypePrefix + name;
}
