namespace GccSaaS.Modules.Notifications;

/// <summary>The stable codes of the Notifications module's refusals, with their /v1 number and status (clients branch on them).</summary>
internal static class NotificationsErrorCodes
{
    [ApiError(170001, StatusCodes.Status404NotFound)]
    public const string NotificationNotFound = "notification_not_found";

    [ApiError(170002, StatusCodes.Status400BadRequest)]
    public const string TenantMismatch = "tenant_mismatch";

    [ApiError(170003, StatusCodes.Status404NotFound)]
    public const string WebhookNotFound = "webhook_not_found";

    [ApiError(170004, StatusCodes.Status403Forbidden)]
    public const string WebhookEventsNotAllowed = "webhook_events_not_allowed";

    [ApiError(170005, StatusCodes.Status400BadRequest)]
    public const string WebhookEventTypesInvalid = "webhook_event_types_invalid";

    [ApiError(170006, StatusCodes.Status409Conflict)]
    public const string WebhookLimitReached = "webhook_limit_reached";

    [ApiError(170007, StatusCodes.Status400BadRequest)]
    public const string WebhookDeliveryNotFound = "webhook_delivery_not_found";

    [ApiError(170008, StatusCodes.Status400BadRequest)]
    public const string WebhookUrlInvalid = "webhook_url_invalid";

    [ApiError(170009, StatusCodes.Status400BadRequest)]
    public const string WebhookAddressUnresolvable = "webhook_address_unresolvable";

    [ApiError(170010, StatusCodes.Status400BadRequest)]
    public const string WebhookAddressForbidden = "webhook_address_forbidden";

    [ApiError(170011, StatusCodes.Status400BadRequest)]
    public const string WebhookUrlNotHttps = "webhook_url_not_https";
}
