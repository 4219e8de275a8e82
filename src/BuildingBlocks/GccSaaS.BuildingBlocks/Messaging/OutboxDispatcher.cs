using System.Collections.Concurrent;
using System.Reflection;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Messaging;

public sealed class OutboxOptions
{
    /// <summary>
    /// How many messages one claim takes. Issue 19: 500 (was 50), so a sweep's backlog of 200,000 messages takes 400
    /// claims, each served by the partial index on (tenant_id, occurred_at, id) of the unprocessed messages.
    /// </summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a claim keeps other dispatchers away; a crashed dispatcher's claim expires.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often the recurring sweep visits the (module, tenant) pairs that have outbox work. Recurring jobs are
    /// minute-granular: a shorter interval runs every minute (see <see cref="Jobs.SweepSchedule"/>).
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a safety-net sweep visits every tenant and module, whatever the signals say.</summary>
    public TimeSpan FullSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a drained signal stays before it is forgotten (covers transactions still open).</summary>
    public TimeSpan SignalIdleGrace { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Publishes a module's committed outbox messages through MediatR. A claim is one guarded UPDATE with
/// <c>FOR UPDATE SKIP LOCKED</c> and a lease, so two dispatchers (two hosts, or the after-commit path
/// and the sweep) never publish the same message at once; a message is marked processed only after
/// its handlers ran. A failure leaves it for the next sweep; handlers are idempotent through their inbox.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes,
    ITenantContextAccessor tenants,
    NotificationTypeRegistry registry,
    TimeProvider clock,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger)
{
    private static readonly MethodInfo PublishBatchMethod = typeof(OutboxDispatcher)
        .GetMethod(nameof(PublishBatchTypedAsync), BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"{nameof(OutboxDispatcher)}.{nameof(PublishBatchTypedAsync)} is missing.");

    private static readonly MethodInfo CanBatchMethod = typeof(OutboxDispatcher)
        .GetMethod(nameof(AllHandlersBatch), BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException($"{nameof(OutboxDispatcher)}.{nameof(AllHandlersBatch)} is missing.");

    private readonly ConcurrentDictionary<Type, bool> _batchable = new();

    private static readonly MethodInfo PublishMethod = typeof(OutboxDispatcher)
        .GetMethod(nameof(PublishTyped), BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException($"{nameof(OutboxDispatcher)}.{nameof(PublishTyped)} is missing.");

    /// <summary>Dispatches the tenant's pending messages of one module; returns how many were published.</summary>
    public async Task<int> DispatchAsync(ModuleDefinition module, TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(tenant);
        using var tenantScope = tenants.BeginScope(tenant);
        var published = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(module, cancellationToken);
            published += await PublishClaimAsync(module, claimed, cancellationToken);

            if (claimed.Count < options.Value.BatchSize)
            {
                break;
            }
        }

        return published;
    }

    /// <summary>The oldest (module, tenant) pairs that have, or recently had, outbox work.</summary>
    internal async Task<IReadOnlyList<OutboxSignal>> ReadSignalsAsync(ModuleDefinition anyModule, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(anyModule.DbContextType);
        return await db.Database.SqlQueryRaw<OutboxSignal>(OutboxSignals.Oldest, limit).ToListAsync(cancellationToken);
    }

    /// <summary>Forgets the pair's signal when its outbox is drained and the signal is idle.</summary>
    internal async Task ForgetIdleSignalAsync(ModuleDefinition module, TenantInfo tenant, CancellationToken cancellationToken)
    {
        using var tenantScope = tenants.BeginScope(tenant);
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType);
        var idleSince = DateTimeOffset.UtcNow - options.Value.SignalIdleGrace;
        await db.Database.ExecuteSqlRawAsync(
            OutboxSignals.ForgetIdle(db.QualifiedTableName<OutboxMessage>()),
            [module.Schema, tenant.Id, idleSince],
            cancellationToken);
    }

    private async Task<IReadOnlyList<ClaimedOutboxMessage>> ClaimAsync(ModuleDefinition module, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.DbContextType);
        var table = db.QualifiedTableName<OutboxMessage>();
        var now = clock.GetUtcNow();
        var sql = $"""
            UPDATE {table} AS o
               SET locked_until = @p0, lock_id = @p1, attempts = o.attempts + 1
             WHERE (o.tenant_id, o.id) IN (
                   SELECT tenant_id, id FROM {table}
                    WHERE processed_at IS NULL AND (locked_until IS NULL OR locked_until < @p2)
                    ORDER BY occurred_at, id
                    LIMIT @p3
                      FOR UPDATE SKIP LOCKED)
            RETURNING o.tenant_id AS "TenantId", o.id AS "Id", o.type AS "Type", o.payload AS "Payload",
                      o.correlation_id AS "CorrelationId", o.lock_id AS "LockId"
            """;
        var claimed = await db.Database
            .SqlQueryRaw<ClaimedOutboxMessage>(sql, now + options.Value.Lease, Guid.NewGuid(), now, options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        return [.. claimed.OrderBy(m => m.Id)];
    }

    /// <summary>
    /// Issue 19: publishes one claim in its order. A run of consecutive messages whose types have a batch path
    /// (<see cref="IBatchNotificationHandler{TNotification}"/> on every handler) goes to the handlers set-based, one
    /// call per type and correlation id (each group in outbox order) and one UPDATE marks the group processed; any
    /// other message, or a group of one, takes the per-message path as before. A failing batch falls back to the
    /// per-message path for its messages (the inbox skips what the batch already applied), so a poisoned message
    /// stays for a retry on its own and records its own error.
    /// </summary>
    private async Task<int> PublishClaimAsync(ModuleDefinition module, IReadOnlyList<ClaimedOutboxMessage> claimed, CancellationToken cancellationToken)
    {
        var published = 0;
        var index = 0;
        while (index < claimed.Count && !cancellationToken.IsCancellationRequested)
        {
            var run = new List<(ClaimedOutboxMessage Message, Type Type)>();
            while (index < claimed.Count && registry.Resolve(claimed[index].Type) is { } type && await CanBatchAsync(type))
            {
                run.Add((claimed[index], type));
                index++;
            }

            if (run.Count == 0)
            {
                if (await PublishOneAsync(module, claimed[index], cancellationToken))
                {
                    published++;
                }

                index++;
                continue;
            }

            foreach (var group in run.GroupBy(r => (r.Type, r.Message.CorrelationId)))
            {
                var messages = group.Select(r => r.Message).ToList();
                if (messages.Count == 1)
                {
                    published += await PublishOneAsync(module, messages[0], cancellationToken) ? 1 : 0;
                    continue;
                }

                var publishing = PublishBatchMethod.MakeGenericMethod(group.Key.Type).Invoke(this, [module, messages, cancellationToken]) as Task<int>
                    ?? throw new InvalidOperationException($"Publishing a batch of {group.Key.Type.Name} returned no task.");
                published += await publishing;
            }
        }

        return published;
    }

    private async ValueTask<bool> CanBatchAsync(Type notificationType)
    {
        if (_batchable.TryGetValue(notificationType, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var batchable = CanBatchMethod.MakeGenericMethod(notificationType).Invoke(null, [scope.ServiceProvider]) is true;
        _batchable[notificationType] = batchable;
        return batchable;
    }

    private static bool AllHandlersBatch<TNotification>(IServiceProvider services)
        where TNotification : INotification
    {
        var handlers = services.GetServices<INotificationHandler<TNotification>>().ToList();
        return handlers.Count > 0 && handlers.All(h => h is IBatchNotificationHandler<TNotification>);
    }

    private async Task<int> PublishBatchTypedAsync<TNotification>(ModuleDefinition module, List<ClaimedOutboxMessage> messages, CancellationToken cancellationToken)
        where TNotification : INotification
    {
        try
        {
            var items = messages
                .Select(m => new OutboxBatchItem<TNotification>(m.Id, (TNotification)NotificationTypeRegistry.Deserialize(m.Payload, typeof(TNotification))))
                .ToList();
            var first = messages[0];
            await using var scope = scopes.CreateAsyncScope();
            using (CorrelationContext.Begin(first.CorrelationId ?? first.Id.ToString("N")))
            {
                foreach (var handler in scope.ServiceProvider.GetServices<INotificationHandler<TNotification>>())
                {
                    var batch = handler as IBatchNotificationHandler<TNotification>
                        ?? throw new InvalidOperationException($"{handler.GetType().Name} has no batch path for {typeof(TNotification).Name}.");
                    await batch.HandleBatchAsync(items, cancellationToken);
                }
            }
        }
#pragma warning disable CA1031 // The batch falls back to one message at a time, which records each failure.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogBatchFailed(logger, ex, module.Name, messages.Count, typeof(TNotification).Name);
            var published = 0;
            foreach (var message in messages)
            {
                published += await PublishOneAsync(module, message, cancellationToken) ? 1 : 0;
            }

            return published;
        }

        await using var markScope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)markScope.ServiceProvider.GetRequiredService(module.DbContextType);
        var table = db.QualifiedTableName<OutboxMessage>();
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {table} SET processed_at = @p0, locked_until = NULL, last_error = NULL WHERE tenant_id = @p1 AND id = ANY(@p2) AND lock_id = @p3",
            new object[] { clock.GetUtcNow(), messages[0].TenantId, messages.Select(m => m.Id).ToArray(), messages[0].LockId },
            CancellationToken.None);
        return messages.Count;
    }

    private async Task<bool> PublishOneAsync(ModuleDefinition module, ClaimedOutboxMessage message, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            var type = registry.Resolve(message.Type)
                ?? throw new InvalidOperationException($"Outbox message {message.Id} names unknown notification type {message.Type}.");
            var notification = NotificationTypeRegistry.Deserialize(message.Payload, type);
            await using var scope = scopes.CreateAsyncScope();
            using (MessageContext.Begin(message.Id))
            using (CorrelationContext.Begin(message.CorrelationId ?? message.Id.ToString("N")))
            {
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                var publishing = PublishMethod.MakeGenericMethod(type).Invoke(null, [mediator, notification, cancellationToken]) as Task
                    ?? throw new InvalidOperationException($"Publishing {type.Name} returned no task.");
                await publishing;
            }
        }
#pragma warning disable CA1031 // One failing handler must not stop the batch; the message stays for a retry.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            error = ex.ToString();
            LogPublishFailed(logger, ex, module.Name, message.Id, message.Type);
        }

        await using var markScope = scopes.CreateAsyncScope();
        var db = (ModuleDbContext)markScope.ServiceProvider.GetRequiredService(module.DbContextType);
        var table = db.QualifiedTableName<OutboxMessage>();
        var now = clock.GetUtcNow();
        if (error is null)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE {table} SET processed_at = @p0, locked_until = NULL, last_error = NULL WHERE tenant_id = @p1 AND id = @p2 AND lock_id = @p3",
                new object[] { now, message.TenantId, message.Id, message.LockId },
                CancellationToken.None);
            return true;
        }

        // Keep the lease as a back-off: the next sweep after it expires tries again.
        await db.Database.ExecuteSqlRawAsync(
            $"UPDATE {table} SET last_error = @p0 WHERE tenant_id = @p1 AND id = @p2 AND lock_id = @p3",
            new object[] { error.Length > 4000 ? error[..4000] : error, message.TenantId, message.Id, message.LockId },
            CancellationToken.None);
        return false;
    }

    private static Task PublishTyped<TNotification>(IMediator mediator, INotification notification, CancellationToken cancellationToken)
        where TNotification : INotification =>
        mediator.Publish((TNotification)notification, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing a batch of {Count} {Type} outbox messages of module {Module} failed; publishing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string module, int count, string type);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing outbox message {MessageId} ({Type}) of module {Module} failed; it stays for a retry")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string module, Guid messageId, string type);
}

/// <summary>The columns a claim returns.</summary>
internal sealed record ClaimedOutboxMessage(Guid TenantId, Guid Id, string Type, string Payload, string? CorrelationId, Guid LockId);
