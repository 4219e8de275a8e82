using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Messaging;

/// <summary>One claimed outbox message handed to a <see cref="IBatchNotificationHandler{TNotification}"/>.</summary>
public sealed record OutboxBatchItem<TNotification>(Guid MessageId, TNotification Notification)
    where TNotification : INotification;

/// <summary>
/// Issue 19: the set-based path of a high-volume notification type. When every handler of a type implements it, the
/// <see cref="OutboxDispatcher"/> hands a claim's consecutive messages of that type to each handler at once instead of
/// publishing them one by one. Within one such run of batchable messages the dispatcher delivers type by type (each
/// type's messages in their outbox order), so implement it only for a type whose effects do not depend on another
/// batchable type's effects (they land in other tables, or concern other aggregates); a message of a type without a
/// batch path ends the run, so the order across it is kept as before.
/// </summary>
public interface IBatchNotificationHandler<TNotification>
    where TNotification : INotification
{
    /// <summary>Applies the messages (one tenant's, in their outbox order), each at most once.</summary>
    Task HandleBatchAsync(IReadOnlyList<OutboxBatchItem<TNotification>> messages, CancellationToken cancellationToken);
}

/// <summary>
/// An <see cref="IdempotentNotificationHandler{TNotification, TDbContext}"/> with a set-based path: the inbox rows of
/// the whole batch are written with one <c>INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING</c>, and only
/// the messages it inserted are applied, with the inbox rows, in one transaction of the handling module: a message
/// delivered twice (singly or in a batch) is applied once, exactly as on the per-message path.
/// </summary>
public abstract class IdempotentBatchNotificationHandler<TNotification, TDbContext>(TDbContext db)
    : IdempotentNotificationHandler<TNotification, TDbContext>(db), IBatchNotificationHandler<TNotification>
    where TNotification : INotification
    where TDbContext : ModuleDbContext
{
    public async Task HandleBatchAsync(IReadOnlyList<OutboxBatchItem<TNotification>> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var tenantId = Db.Tenants.RequireTenant().Id;
        var inbox = Db.QualifiedTableName<InboxMessage>();
        var handler = GetType().FullName ?? GetType().Name;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = await Db.Database.SqlQueryRaw<Guid>(
            $"""
            INSERT INTO {inbox} (tenant_id, message_id, handler, processed_at)
            SELECT @tenant, m.id, @handler, now() FROM unnest(@ids) AS m(id)
            ON CONFLICT DO NOTHING
            RETURNING message_id AS "Value"
            """,
            new NpgsqlParameter<Guid>("tenant", tenantId),
            new NpgsqlParameter<string>("handler", handler),
            new NpgsqlParameter<Guid[]>("ids", [.. messages.Select(m => m.MessageId)]))
            .ToListAsync(cancellationToken);
        var fresh = inserted.ToHashSet();
        var todo = messages.Where(m => fresh.Contains(m.MessageId)).ToList();
        if (todo.Count > 0)
        {
            await HandleBatchOnceAsync(todo, cancellationToken);
            await Db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the messages no earlier delivery applied (in their outbox order), in the open transaction.</summary>
    protected abstract Task HandleBatchOnceAsync(IReadOnlyList<OutboxBatchItem<TNotification>> messages, CancellationToken cancellationToken);
}
