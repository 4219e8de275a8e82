namespace GccSaaS.Modules.Notifications.Resources;

/// <summary>Marker for the webhooks pages' texts (Resources/WebhooksResource.*.resx).</summary>
internal sealed class WebhooksResource;
