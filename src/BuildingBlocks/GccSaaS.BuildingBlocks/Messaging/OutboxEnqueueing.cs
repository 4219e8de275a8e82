using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

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

    /// <summary>Rows per INSERT of <see cref="EnqueueNotificationsAsync"/>: bounds one statement's parameters.</summary>
    internal const int SetBasedBatchSize = 10_000;

    /// <summary>
    /// Issue 19, R-REL-7: the set-based form of <see cref="EnqueueNotification"/> for a sweep that announces many
    /// changes at once. The messages are the ones one <see cref="EnqueueNotification"/> per notification would write
    /// (a version 7 id each; the type name; the serialised payload; the occurred time and the
    /// correlation id), but they are written now, in the transaction already open, with one
    /// <c>INSERT … SELECT FROM unnest(…)</c> per <see cref="SetBasedBatchSize"/> rows instead of one INSERT per row
    /// through the change tracker. The outbox is dispatched after commit as usual.
    /// </summary>
    public static async Task EnqueueNotificationsAsync(
        this ModuleDbContext db, IReadOnlyList<INotification> notifications, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(clock);
        if (notifications.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A set-based outbox write joins the command's transaction; none is open.");
        }

        var tenant = db.Tenants.RequireTenant();
        var occurredAt = clock.GetUtcNow();
        var correlationId = CorrelationContext.Current;
        var sql = $"""
            INSERT INTO {db.QualifiedTableName<OutboxMessage>()} (tenant_id, id, occurred_at, type, payload, correlation_id)
            SELECT @tenant, m.id, @occurred_at, m.type, m.payload::jsonb, @correlation_id
              FROM unnest(@ids, @types, @payloads) AS m(id, type, payload)
            """;
        for (var start = 0; start < notifications.Count; start += SetBasedBatchSize)
        {
            var count = Math.Min(SetBasedBatchSize, notifications.Count - start);
            var ids = new Guid[count];
            var types = new string[count];
            var payloads = new string[count];
            for (var i = 0; i < count; i++)
            {
                var notification = notifications[start + i];
                ids[i] = Guid.CreateVersion7();
                types[i] = NotificationTypeRegistry.NameOf(notification.GetType());
                payloads[i] = NotificationTypeRegistry.Serialize(notification);
            }

            await db.Database.ExecuteSqlRawAsync(
                sql,
                [
                    new NpgsqlParameter<Guid>("tenant", tenant.Id),
                    new NpgsqlParameter<DateTimeOffset>("occurred_at", occurredAt),
                    new NpgsqlParameter("correlation_id", NpgsqlDbType.Varchar) { Value = (object?)correlationId ?? DBNull.Value },
                    new NpgsqlParameter<Guid[]>("ids", ids),
                    new NpgsqlParameter<string[]>("types", types) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                    new NpgsqlParameter<string[]>("payloads", payloads) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                ],
                cancellationToken);
        }

        db.OutboxRowsWritten();
    }
}
