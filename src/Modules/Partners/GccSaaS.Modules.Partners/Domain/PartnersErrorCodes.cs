namespace GccSaaS.Modules.Partners.Domain;

/// <summary>The stable codes of the Partners module's refusals, with their /v1 number and status (clients branch on them).</summary>
internal static class PartnersErrorCodes
{
    [ApiError(120001, StatusCodes.Status404NotFound)]
    public const string PartnerOrganisationNotFound = "partner_organisation_not_found";

    [ApiError(120002, StatusCodes.Status400BadRequest)]
    public const string WorkspaceTenantNotFound = "workspace_tenant_not_found";

    [ApiError(120003, StatusCodes.Status409Conflict)]
    public const string PartnerIdTaken = "partner_id_taken";

    [ApiError(120004, StatusCodes.Status409Conflict)]
    public const string CommercialTenantIdTaken = "commercial_tenant_id_taken";

    [ApiError(120005, StatusCodes.Status409Conflict)]
    public const string WorkspaceTenantTaken = "workspace_tenant_taken";

    [ApiError(120006, StatusCodes.Status404NotFound)]
    public const string OrganizationNotLinked = "organization_not_linked";

    [ApiError(120007, StatusCodes.Status400BadRequest)]
    public const string ListingChangesThroughListingRequests = "listing_changes_through_listing_requests";

    [ApiError(120008, StatusCodes.Status400BadRequest)]
    public const string QualificationsThroughValidation = "qualifications_through_validation";

    [ApiError(120009, StatusCodes.Status400BadRequest)]
    public const string ListingRequestsForIndirectProvidersOnly = "listing_requests_for_indirect_providers_only";

    [ApiError(120010, StatusCodes.Status409Conflict)]
    public const string AlreadyListed = "already_listed";

    [ApiError(120011, StatusCodes.Status409Conflict)]
    public const string NotListed = "not_listed";

    [ApiError(120012, StatusCodes.Status409Conflict)]
    public const string ListingRequestAlreadyOpen = "listing_request_already_open";

    [ApiError(120013, StatusCodes.Status409Conflict)]
    public const string ListingRequestAlreadyDecided = "listing_request_already_decided";

    [ApiError(120014, StatusCodes.Status404NotFound)]
    public const string ListingRequestNotFound = "listing_request_not_found";

    [ApiError(120015, StatusCodes.Status400BadRequest)]
    public const string DeclineReasonRequired = "decline_reason_required";

    [ApiError(120016, StatusCodes.Status400BadRequest)]
    public const string PartnerIdNotUsable = "partner_id_not_usable";

    [ApiError(3000, StatusCodes.Status400BadRequest)]
    public const string UnknownPartnerId = "unknown_partner_id";

    [ApiError(800016, StatusCodes.Status400BadRequest)]
    public const string NotIndirectReseller = "not_indirect_reseller";

    [ApiError(900123, StatusCodes.Status400BadRequest)]
    public const string PartnerAgreementNotSigned = "partner_agreement_not_signed";

    [ApiError(2201, StatusCodes.Status400BadRequest)]
    public const string RegionMismatch = "region_mismatch";
}
