using System.Data.Common;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Prefixes every command EF sends with a transaction-local <c>set_config('app.tenant_id', …, true)</c>.
/// Npgsql sends a multi-statement command as one implicit transaction, so the setting holds for exactly
/// that batch (or, inside an explicit transaction, until it ends) and never survives on a pooled
/// connection. With no tenant the setting is emptied, so tenant tables yield nothing rather than
/// whatever a previous user of the connection left behind. A DO block returns no result set, so
/// readers see EF's own results first.
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

    private void Prefix(DbCommand command) =>
        command.CommandText = TenantSql.SetLocalTenant(tenants.Current?.Id) + command.CommandText;
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
        return $"DO $tenant$BEGIN PERFORM set_config('{DatabaseRoles.TenantSetting}', '{value}', true); END$tenant$;\n";
    }

    /// <summary>The policy predicate every tenant table uses for USING and WITH CHECK.</summary>
    public const string PolicyPredicate =
        "tenant_id = nullif(current_setting('" + DatabaseRoles.TenantSetting + "', true), '')::uuid";
}
