using GccSaaS.BuildingBlocks.Security;

namespace GccSaaS.Modules.Notifications;

/// <summary>Who reads the tenant's audit log (its Global admin).</summary>
internal static class NotificationsPolicies
{
    public const string CanReadAuditLog = "CanReadAuditLog";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>
    {
        [CanReadAuditLog] = [GccSaaSRoles.GlobalAdmin],
    };
}
