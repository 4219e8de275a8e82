namespace GccSaaS.Modules.Relationships.Domain;

/// <summary>Stable snake_case codes of every refusal of the module, with their /v1 number and status.</summary>
internal static class RelationshipErrorCodes
{
    [ApiError(140001, StatusCodes.Status404NotFound)]
    public const string InvitationNotFound = "invitation_not_found";

    [ApiError(140002, StatusCodes.Status400BadRequest)]
    public const string InvitationExpired = "invitation_expired";

    [ApiError(140003, StatusCodes.Status409Conflict)]
    public const string InvitationUsed = "invitation_used";

    [ApiError(140004, StatusCodes.Status400BadRequest)]
    public const string InvitationRevoked = "invitation_revoked";

    [ApiError(140005, StatusCodes.Status400BadRequest)]
    public const string InvitationLinkMissing = "invitation_link_missing";

    [ApiError(140006, StatusCodes.Status403Forbidden)]
    public const string InvitationForAnotherAddress = "invitation_for_another_address";

    [ApiError(140007, StatusCodes.Status409Conflict)]
    public const string InvitationNotOpen = "invitation_not_open";

    [ApiError(140008, StatusCodes.Status409Conflict)]
    public const string PartnershipAlreadyActive = "partnership_already_active";

    [ApiError(140009, StatusCodes.Status404NotFound)]
    public const string PartnershipNotFound = "partnership_not_found";

    [ApiError(140010, StatusCodes.Status409Conflict)]
    public const string AlreadyMemberOfTenant = "already_member_of_tenant";

    [ApiError(140011, StatusCodes.Status400BadRequest)]
    public const string AttestationRequired = "attestation_required";

    [ApiError(140012, StatusCodes.Status400BadRequest)]
    public const string CustomerCredentialsInvalid = "customer_credentials_invalid";

    [ApiError(140013, StatusCodes.Status400BadRequest)]
    public const string ResellerNotPartnered = "reseller_not_partnered";

    [ApiError(140014, StatusCodes.Status400BadRequest)]
    public const string InvalidRelationshipType = "invalid_relationship_type";

    [ApiError(140015, StatusCodes.Status400BadRequest)]
    public const string SettingsOutOfRange = "invitation_settings_out_of_range";

    [ApiError(140016, StatusCodes.Status403Forbidden)]
    public const string SignInRequired = "sign_in_required";
}
