using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace GccSaaS.BuildingBlocks.Messaging;

/// <summary>
/// The base of every handler of another module's notification. The handler's effects and its inbox
/// row commit in one transaction of the handling module, so a message delivered twice (a dispatcher
/// crashed after publishing, before marking it) is applied once.
/// </summary>
public abstract class IdempotentNotificationHandler<TNotification, TDbContext>(TDbContext db) : INotificationHandler<TNotification>
    where TNotification : INotification
    where TDbContext : ModuleDbContext
{
    protected TDbContext Db => db;

    public async Task Handle(TNotification notification, CancellationToken cancellationToken)
    {
        var messageId = MessageContext.CurrentMessageId
            ?? throw new InvalidOperationException(
                $"{typeof(TNotification).Name} was published outside the outbox; notifications between modules travel through the outbox.");
        var tenantId = db.Tenants.RequireTenant().Id;
        var inbox = db.QualifiedTableName<InboxMessage>();
        var handler = GetType().FullName ?? GetType().Name;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var first = await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO {inbox} (tenant_id, message_id, handler, processed_at) VALUES (@p0, @p1, @p2, now()) ON CONFLICT DO NOTHING",
            new object[] { tenantId, messageId, handler },
            cancellationToken);
        if (first == 0)
        {
            return;
        }

        await HandleOnceAsync(notification, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Applies the notification; runs at most once per message and handler.</summary>
    protected abstract Task HandleOnceAsync(TNotification notification, CancellationToken cancellationToken);
}
