using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Integrations;

/// <summary>
/// Appends what the pipeline recorded (in whichever module's outbox) to the tenant's audit log. The
/// entry keeps the id the pipeline gave it, so even without the inbox a redelivery could not add a
/// second line: the primary key would refuse it.
/// </summary>
internal sealed partial class AppendAuditEntry(NotificationsDbContext db, ITenantContextAccessor tenants, TimeProvider clock, ILogger<AppendAuditEntry> logger)
    : IdempotentNotificationHandler<AuditEntryRecorded, NotificationsDbContext>(db)
{
    protected override Task HandleOnceAsync(AuditEntryRecorded notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var tenant = tenants.RequireTenant();
        if (notification.TenantId != tenant.Id)
        {
            LogTenantMismatch(logger, notification.EntryId, notification.TenantId, tenant.Id);
            return Task.CompletedTask;
        }

        Db.Set<AuditEntry>().Add(new AuditEntry
        {
            TenantId = tenant.Id,
            Id = notification.EntryId,
            OccurredAt = notification.OccurredAt,
            Action = Truncate(notification.Action, AuditEntryConfiguration.ActionLength),
            Module = Truncate(notification.Module, AuditEntryConfiguration.ModuleLength),
            Details = string.IsNullOrWhiteSpace(notification.Details) ? "{}" : notification.Details,
            UserId = notification.UserId,
            Actor = Truncate(notification.Actor, AuditEntryConfiguration.ActorLength),
            ApiKeyId = notification.ApiKeyId,
            CorrelationId = notification.CorrelationId is { } c ? Truncate(c, AuditEntryConfiguration.CorrelationLength) : null,
            RecordedAt = clock.GetUtcNow(),
        });
        return Task.CompletedTask;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit entry {EntryId} names tenant {Named} but came from tenant {Actual}'s outbox; dropped")]
    private static partial void LogTenantMismatch(ILogger logger, Guid entryId, Guid named, Guid actual);
}
