using System.Data.Common;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Sets the tenant for every command EF sends outside a transaction by prefixing it with a
/// transaction-local <c>set_config('app.tenant_id', …, true)</c>. Npgsql sends a multi-statement command
/// as one implicit transaction, so the setting holds for exactly that batch and never survives on a
/// pooled connection. With no tenant the setting is emptied, so tenant tables yield nothing rather than
/// whatever a previous user of the connection left behind. A DO block returns no result set, so readers
/// see EF's own results first. Commands inside a transaction are left alone: the tenant was set when the
/// transaction began (<see cref="TenantTransactionInterceptor"/>), and a prefix would shift the
/// per-statement row counts that SaveChanges checks.
/// </summary>
internal sealed class TenantCommandInterceptor(ITenantContextAccessor tenants) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Prefix(command);
        return ValueTask.FromResult(result);
    }

    private void Prefix(DbCommand command)
    {
        if (command.Transaction is null)
        {
            command.CommandText = TenantSql.SetLocalTenant(tenants.Current?.Id) + command.CommandText;
        }
    }
}

/// <summary>
/// Sets the tenant as the first statement of every transaction EF begins (explicit ones and the ones
/// <see cref="ModuleDbContext"/> opens around SaveChanges), local to that transaction, and makes the transaction
/// the scope's <see cref="DatabaseSession"/> transaction, so every other module's DbContext joins it.
/// </summary>
internal sealed class TenantTransactionInterceptor(ITenantContextAccessor tenants) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        using var command = SetTenant(connection, result);
        command.ExecuteNonQuery();
        SessionOf(eventData)?.Began(eventData.Context, result, tenants.Current?.Id);
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(eventData);
        await using var command = SetTenant(connection, result);
        await command.ExecuteNonQueryAsync(cancellationToken);
        SessionOf(eventData)?.Began(eventData.Context, result, tenants.Current?.Id);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction, eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(transaction, eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        End(transaction, eventData);
        return Task.CompletedTask;
    }

    private static void End(DbTransaction transaction, TransactionEndEventData eventData) => SessionOf(eventData)?.Ended(transaction);

    private static DatabaseSession? SessionOf(TransactionEventData eventData) =>
        eventData.Context is { } context ? DatabaseSession.Of(context) : null;

    private DbCommand SetTenant(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = TenantSql.SetLocalTenant(tenants.Current?.Id);
        return command;
    }
}

/// <summary>The one place that writes the tenant setting's SQL.</summary>
public static class TenantSql
{
    /// <summary>
    /// A statement that sets the tenant for the current transaction. The value is a formatted
    /// <see cref="Guid"/> (or empty), never user text, so inlining it cannot inject SQL.
    /// </summary>
    public static string SetLocalTenant(Guid? tenantId)
    {
        var value = tenantId is { } id && id != Guid.Empty ? id.ToString("D") : string.Empty;
        // The named platform path, if the flow entered one (lower-case letters and underscores only, checked on entry).
        var access = PlatformAccess.Current ?? string.Empty;
        return $"DO $tenant$BEGIN PERFORM set_config('{DatabaseRoles.TenantSetting}', '{value}', true); PERFORM set_config('{PlatformAccess.Setting}', '{access}', true); END$tenant$;\n";
    }

    /// <summary>The policy predicate every tenant table uses for USING and WITH CHECK.</summary>
    public const string PolicyPredicate =
        "tenant_id = nullif(current_setting('" + DatabaseRoles.TenantSetting + "', true), '')::uuid";
}
