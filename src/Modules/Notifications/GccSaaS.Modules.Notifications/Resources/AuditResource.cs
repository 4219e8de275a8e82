namespace GccSaaS.Modules.Notifications.Resources;

/// <summary>Marker for the audit log's texts (Resources/AuditResource.*.resx).</summary>
internal sealed class AuditResource;
