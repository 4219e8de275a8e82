namespace GccSaaS.Modules.Notifications;

/// <summary>Who reads the tenant's audit log (its Global admin) and who manages its webhooks.</summary>
internal sealed class NotificationsPolicies : IRolePolicyTable
{
    public const string CanReadAuditLog = "CanReadAuditLog";

    /// <summary>Who manages webhooks (issue 17): the provider's Global admin; a reseller admin for its own customers' events.</summary>
    public const string CanManageWebhooks = "CanManageWebhooks";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanReadAuditLog] = [GccSaaSRoles.GlobalAdmin],
        [CanManageWebhooks] = [GccSaaSRoles.GlobalAdmin, GccSaaSRoles.ResellerAdmin],
    };
}
