namespace GccSaaS.Modules.Identity;

/// <summary>The stable codes of the Identity module's refusals, with their /v1 number and status (clients branch on them).</summary>
internal static class IdentityErrorCodes
{
    [ApiError(110001, StatusCodes.Status409Conflict)]
    public const string AccountExists = "account_exists";

    [ApiError(110002, StatusCodes.Status409Conflict)]
    public const string AlreadyMember = "already_member";

    [ApiError(110003, StatusCodes.Status404NotFound)]
    public const string ApiKeyNotFound = "api_key_not_found";

    [ApiError(110004, StatusCodes.Status404NotFound)]
    public const string MemberNotFound = "member_not_found";

    [ApiError(110005, StatusCodes.Status409Conflict)]
    public const string LastGlobalAdmin = "last_global_admin";

    [ApiError(110006, StatusCodes.Status409Conflict)]
    public const string TwoFactorEnabled = "two_factor_enabled";

    [ApiError(110007, StatusCodes.Status400BadRequest)]
    public const string InvalidTwoFactorCode = "invalid_two_factor_code";

    [ApiError(110008, StatusCodes.Status400BadRequest)]
    public const string IdentityError = "identity_error";

    [ApiError(110009, StatusCodes.Status409Conflict)]
    public const string TenantIdentifierTaken = "tenant_identifier_taken";

    [ApiError(110020, StatusCodes.Status401Unauthorized)]
    public const string ApiKeyExpired = "api_key_expired";

    [ApiError(110050, StatusCodes.Status400BadRequest)]
    public const string UnknownTimeZone = "unknown_time_zone";

    [ApiError(110060, StatusCodes.Status400BadRequest)]
    public const string PasswordResetLinkInvalid = "password_reset_link_invalid";
}
