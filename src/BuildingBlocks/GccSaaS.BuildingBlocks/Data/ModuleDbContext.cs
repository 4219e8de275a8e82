using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// The base of every module's DbContext: its own schema, an outbox and an inbox, a query filter on
/// <see cref="ITenantOwned.TenantId"/> for every tenant entity (not only aggregate roots, since filters
/// skip <c>Include</c>), snake_case names, and the tenant stamped on new rows. Row-level security in
/// PostgreSQL is the fence; the filter keeps plans tight and errors early.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, ITenantContextAccessor tenants) : DbContext(options)
{
    private bool _notificationsEnqueued;

    /// <summary>The module's PostgreSQL schema (lowercase module name).</summary>
    public abstract string Schema { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    /// <summary>Read by the query filters per context instance; <see cref="Guid.Empty"/> matches no row.</summary>
    internal Guid CurrentTenantId => tenants.Current?.Id ?? Guid.Empty;

    internal ITenantContextAccessor Tenants => tenants;

    /// <summary>
    /// Adds a message to this module's outbox, to be committed with the change it announces; the caller
    /// (<c>Messaging.OutboxEnqueueing.EnqueueNotification</c>) turns a notification into the message.
    /// </summary>
    internal void EnqueueOutboxMessage(OutboxMessage message)
    {
        OutboxMessages.Add(message);
        _notificationsEnqueued = true;
    }

    /// <summary>Notes that outbox rows were written straight to the table (set-based), so they are dispatched after commit.</summary>
    internal void OutboxRowsWritten() => _notificationsEnqueued = true;

    /// <summary>A new lease from the pool (<see cref="DatabaseSession.Lease{TContext}"/>): nothing of the previous one's is left.</summary>
    internal void Leased() => _notificationsEnqueued = false;

    /// <summary>True once after notifications were enqueued, so the caller can dispatch them.</summary>
    internal bool TakeEnqueuedNotifications()
    {
        var enqueued = _notificationsEnqueued;
        _notificationsEnqueued = false;
        return enqueued;
    }

    internal string QualifiedTableName<TEntity>()
    {
        var entity = Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of {GetType().Name}.");
        var table = entity.GetTableName()
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is mapped to no table in {GetType().Name}.");
        return $"{RowLevelSecurityMigrationExtensions.Quote(entity.GetSchema() ?? Schema)}.{RowLevelSecurityMigrationExtensions.Quote(table)}";
    }

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema(Schema);
        ConfigureMessaging(modelBuilder);
        ConfigureModule(modelBuilder);
        ApplyTenantFilters(modelBuilder);
        SnakeCaseNaming.Apply(modelBuilder);
    }

    /// <summary>The module's own entity configuration.</summary>
    protected abstract void ConfigureModule(ModelBuilder modelBuilder);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        var signals = OutboxTenantsAdded();
        if (Database.CurrentTransaction is not null || DatabaseSession.Of(this)?.Join(this) == true)
        {
            var inTransaction = base.SaveChanges(acceptAllChangesOnSuccess);
            SignalOutbox(signals);
            return inTransaction;
        }

        // Always in a transaction: the scope's, when one is open (DatabaseSession), else its own, so the tenant is set
        // once at its start (see TenantTransactionInterceptor).
        var transaction = Database.BeginTransaction();
        try
        {
            var written = base.SaveChanges(acceptAllChangesOnSuccess);
            SignalOutbox(signals);
            transaction.Commit();
            return written;
        }
        finally
        {
            EndOwnTransaction(transaction);
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        var signals = OutboxTenantsAdded();
        if (Database.CurrentTransaction is not null || DatabaseSession.Of(this)?.Join(this) == true)
        {
            var inTransaction = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await SignalOutboxAsync(signals, cancellationToken);
            return inTransaction;
        }

        var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await SignalOutboxAsync(signals, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            EndOwnTransaction(transaction);
        }
    }

    // A save that fails disposes its transaction without a commit or rollback event; the scope's session must not
    // keep it as the transaction to join (ADR 0017).
    private void EndOwnTransaction(IDbContextTransaction transaction)
    {
        var ended = transaction.GetDbTransaction();
        transaction.Dispose();
        DatabaseSession.Of(this)?.Ended(ended);
    }

    /// <summary>The tenants whose outbox this save adds to (usually none, or the current one).</summary>
    private Guid[] OutboxTenantsAdded() =>
        [.. ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.TenantId).Distinct()];

    // Committed with the outbox rows, so the sweep learns of them exactly when they become visible.
    private void SignalOutbox(Guid[] tenantIds)
    {
        foreach (var tenantId in tenantIds)
        {
            Database.ExecuteSqlRaw(OutboxSignals.Touch, Schema, tenantId);
        }
    }

    private async Task SignalOutboxAsync(Guid[] tenantIds, CancellationToken cancellationToken)
    {
        foreach (var tenantId in tenantIds)
        {
            await Database.ExecuteSqlRawAsync(OutboxSignals.Touch, [Schema, tenantId], cancellationToken);
        }
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            if (entry.Entity.TenantId == Guid.Empty)
            {
                entry.Property(nameof(ITenantOwned.TenantId)).CurrentValue = tenants.RequireTenant().Id;
            }
        }
    }

    private static void ConfigureMessaging(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => new { m.TenantId, m.Id });
            b.Property(m => m.Type).HasMaxLength(400);
            b.Property(m => m.Payload).HasColumnType("jsonb");
            b.Property(m => m.CorrelationId).HasMaxLength(128);
            b.HasIndex(m => new { m.TenantId, m.OccurredAt }).HasFilter("processed_at IS NULL");
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("inbox_messages");
            b.HasKey(m => new { m.TenantId, m.MessageId, m.Handler });
            b.Property(m => m.Handler).HasMaxLength(400);
        });
    }

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        var apply = typeof(ModuleDbContext).GetMethod(nameof(ApplyTenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{nameof(ModuleDbContext)}.{nameof(ApplyTenantFilter)} is missing.");
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.BaseType is null))
        {
            apply.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
        }
    }

    private void ApplyTenantFilter<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
}
