using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;

namespace GccSaaS.BuildingBlocks.Messaging;

/// <summary>How a module announces a change: a notification in its own outbox, committed with the change.</summary>
public static class OutboxEnqueueing
{
    /// <summary>
    /// Writes a notification to the module's outbox (for the current tenant, with the current correlation id),
    /// to be committed with the change it announces and published by the <see cref="OutboxDispatcher"/> after commit.
    /// </summary>
    public static void EnqueueNotification(this ModuleDbContext db, INotification notification, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(clock);
        var tenant = db.Tenants.RequireTenant();
        db.EnqueueOutboxMessage(new OutboxMessage
        {
            TenantId = tenant.Id,
            Id = Guid.CreateVersion7(),
            OccurredAt = clock.GetUtcNow(),
            Type = NotificationTypeRegistry.NameOf(notification.GetType()),
            Payload = NotificationTypeRegistry.Serialize(notification),
            CorrelationId = CorrelationContext.Current,
        });
    }
}
