namespace GccSaaS.Modules.Notifications.Resources;

/// <summary>Marker for the notification centre's texts (Resources/NotificationsResource.*.resx).</summary>
internal sealed class NotificationsResource;
