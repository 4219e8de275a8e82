using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// One PostgreSQL connection per scope (a request, a job run, a message), shared by every module's DbContext,
/// and at most one transaction on it. Every module lives in the same database in its own schema, so a command
/// that spans modules (Customers takes a validation code from Validation, Relationships grants a membership in
/// Identity) commits whole or not at all: the first DbContext that begins a transaction begins the session's,
/// and every other DbContext of the scope joins it (ADR 0017). The connection is opened only while it is used,
/// so a scope holds a pooled connection no longer than its transaction or its single command.
/// The DbContexts themselves are pooled (issue 19): each scope leases its instances (<see cref="Lease{TContext}"/>),
/// which points them at this session's connection and forgets what the previous lease left.
/// </summary>
public sealed class DatabaseSession(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    // The session each leased DbContext serves now. A pooled instance keeps its entry while it waits in the pool; the
    // next lease overwrites it before the instance is handed out (only a lease hands one out, see Lease).
    private static readonly ConditionalWeakTable<DbContext, DatabaseSession> Leases = new();

    private readonly List<DbContext> _participants = [];
    private NpgsqlConnection? _connection;
    private DbTransaction? _transaction;
    private DbContext? _owner;

    /// <summary>The scope's connection; every module DbContext is configured with it.</summary>
    public NpgsqlConnection Connection => _connection ??= dataSource.CreateConnection();

    /// <summary>The session's open transaction, if one was begun and has not ended.</summary>
    public DbTransaction? Transaction
    {
        get
        {
            if (_transaction is { } transaction && !IsOpenOnThisSession(transaction))
            {
                Ended(transaction); // ended without a commit or a rollback event (disposed on an exception path)
            }

            return _transaction;
        }
    }

    private int _savepointDepth;

    /// <summary>
    /// The name of the savepoint a nested request opens: <c>request_{depth}</c>, distinct from every savepoint open
    /// beneath it, and the same statement text for every request at that depth (issue 19).
    /// </summary>
    public string EnterSavepoint() => "request_" + (++_savepointDepth).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Closes the depth <see cref="EnterSavepoint"/> opened (released or rolled back to).</summary>
    public void LeaveSavepoint() => _savepointDepth--;

    /// <summary>The tenant the open transaction's row-level security setting names.</summary>
    public Guid? TransactionTenantId { get; private set; }

    /// <summary>Every DbContext that takes part in the open transaction (the one that began it, and those that joined).</summary>
    public IReadOnlyList<DbContext> Participants => _participants;

    /// <summary>Whether this DbContext began the open transaction.</summary>
    public bool BeganWith(DbContext context) => Transaction is not null && ReferenceEquals(_owner, context);

    /// <summary>The session a DbContext was leased to (null for a context built outside a lease: the migrator's, design time).</summary>
    public static DatabaseSession? Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Leases.TryGetValue(context, out var session) ? session : null;
    }

    /// <summary>
    /// Takes a DbContext from its pool for this scope: on this session's connection, in no transaction, its module
    /// state cleared, and known as this session's (<see cref="Of"/>). EF resets its own state (tracked entities,
    /// transaction, options) when the instance returns to the pool; the tenant is never a context's state (the
    /// interceptors and the query filters read the flow's tenant on every use), so a lease cannot carry another
    /// tenant's setting. The scope disposes the instance, which returns it.
    /// </summary>
    public TContext Lease<TContext>(IDbContextFactory<TContext> pool)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(pool);
        var context = pool.CreateDbContext();
        context.Database.SetDbConnection(Connection, contextOwnsConnection: false);
        Leases.AddOrUpdate(context, this);
        (context as ModuleDbContext)?.Leased();
        return context;
    }

    /// <summary>
    /// Makes the DbContext take part in the session's open transaction, if there is one. Answers whether the
    /// context is now in the session's transaction.
    /// </summary>
    public bool Join(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Transaction is not { } transaction)
        {
            return false;
        }

        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } current && !ReferenceEquals(current, transaction))
        {
            context.Database.UseTransaction(null); // left over from an earlier transaction of this scope
        }

        if (context.Database.CurrentTransaction is null)
        {
            context.Database.UseTransaction(transaction);
        }

        if (!_participants.Contains(context))
        {
            _participants.Add(context);
        }

        return true;
    }

    /// <summary>Sets the row-level security tenant for the rest of the open transaction (a nested request in another tenant's scope).</summary>
    public async Task SetTransactionTenantAsync(Guid? tenantId, CancellationToken cancellationToken)
    {
        if (Transaction is not NpgsqlTransaction transaction || tenantId == TransactionTenantId)
        {
            return;
        }

        await using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TenantSql.SetLocalTenant(tenantId);
        await command.ExecuteNonQueryAsync(cancellationToken);
        TransactionTenantId = tenantId;
    }

    /// <summary>
    /// Writes the open transaction's settings again (its tenant, and the platform path the flow is on now,
    /// <see cref="PlatformAccess"/>); nothing when no transaction is open, since every statement outside one sets them itself.
    /// </summary>
    public void RefreshTransactionSettings()
    {
        if (Transaction is not NpgsqlTransaction transaction)
        {
            return;
        }

        using var command = Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TenantSql.SetLocalTenant(TransactionTenantId);
        command.ExecuteNonQuery();
    }

    // Called by TenantTransactionInterceptor: whichever DbContext began it, the transaction is the session's.
    internal void Began(DbContext? owner, DbTransaction transaction, Guid? tenantId)
    {
        if (_transaction is { } previous)
        {
            Ended(previous);
        }

        _transaction = transaction;
        _owner = owner;
        TransactionTenantId = tenantId;
        if (owner is not null)
        {
            _participants.Add(owner);
        }
    }

    // Called when the transaction committed or rolled back: the contexts that joined it let go of it (the one that
    // began it lets go by itself).
    internal void Ended(DbTransaction transaction)
    {
        if (!ReferenceEquals(_transaction, transaction))
        {
            return;
        }

        foreach (var context in _participants.Where(c => !ReferenceEquals(c, _owner)))
        {
            if (context.Database.CurrentTransaction?.GetDbTransaction() is { } current && ReferenceEquals(current, transaction))
            {
                context.Database.UseTransaction(null);
            }
        }

        _participants.Clear();
        _transaction = null;
        _owner = null;
        TransactionTenantId = null;
    }

    // Npgsql keeps one transaction object per physical connection and reuses it for that connection's next
    // transaction. Once this scope's connection has gone back to the pool, the object this session remembers can be
    // another scope's live transaction, so "it still has a connection" is not enough: it must be this session's
    // connection, still open, in a transaction that has not completed (Connection throws once it has).
    private bool IsOpenOnThisSession(DbTransaction transaction)
    {
        try
        {
            return _connection is { State: System.Data.ConnectionState.Open } connection
                && ReferenceEquals(transaction.Connection, connection);
        }
        catch (InvalidOperationException)
        {
            return false; // completed (InvalidOperationException) or disposed (ObjectDisposedException)
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
