using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Data;

/// <summary>
/// Real faults in a real PostgreSQL for the cross-module atomicity tests (ADR 0017): a trigger that fails a write, a
/// deferred trigger that fails or stalls the commit itself, and the death of the database session that runs a
/// command, which is what a crashed process looks like to PostgreSQL. Installed as the owner role in the fixture's
/// own database, and always removed.
/// </summary>
internal sealed class FaultInjection(TestDatabase database) : IAsyncDisposable
{
    private readonly List<string> _drops = [];

    /// <summary>Every INSERT into the table whose row matches the condition fails at once.</summary>
    public Task FailInsertAsync(string table, string condition) =>
        InstallAsync(table, condition, "RAISE EXCEPTION 'injected fault on %', TG_TABLE_NAME;", deferred: false);

    /// <summary>An INSERT into the table whose row matches the condition fails at COMMIT, after every other step of the command ran.</summary>
    public Task FailAtCommitAsync(string table, string condition) =>
        InstallAsync(table, condition, "RAISE EXCEPTION 'injected fault at commit on %', TG_TABLE_NAME;", deferred: true);

    /// <summary>
    /// An INSERT into the table whose row matches the condition stalls the COMMIT (every other step ran), so
    /// <see cref="KillStalledSessionAsync"/> can end the session there.
    /// </summary>
    public Task StallAtCommitAsync(string table, string condition) =>
        InstallAsync(table, condition, "PERFORM pg_sleep(30);", deferred: true);

    /// <summary>Waits for the session stalled at commit and terminates it, as a process death would; answers whether it found one.</summary>
    public async Task<bool> KillStalledSessionAsync(TimeSpan timeout)
    {
        // As the product's own role: PostgreSQL lets a role see and end only its own sessions (short of a superuser).
        await using var connection = new NpgsqlConnection(database.AppConnectionString);
        await connection.OpenAsync();
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event = 'PgSleep'
                """,
                connection);
            if (await command.ExecuteScalarAsync() is true)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    private async Task InstallAsync(string table, string condition, string action, bool deferred)
    {
        var name = "fault_" + Guid.NewGuid().ToString("N")[..12];
        var schema = table.Split('.')[0];
        var sql = $"""
            CREATE FUNCTION {schema}.{name}() RETURNS trigger LANGUAGE plpgsql AS $f$
            BEGIN
                IF {condition} THEN {action} END IF;
                RETURN NEW;
            END $f$;
            CREATE {(deferred ? "CONSTRAINT " : string.Empty)}TRIGGER {name} AFTER INSERT ON {table}
                {(deferred ? "DEFERRABLE INITIALLY DEFERRED " : string.Empty)}FOR EACH ROW EXECUTE FUNCTION {schema}.{name}();
            """;
        await ExecuteAsync(sql);
        _drops.Add($"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {schema}.{name}();");
    }

    /// <summary>A scalar read as the owner role in the tenant (RLS is forced for the owner too).</summary>
    public async Task<long> CountAsync(Guid? tenantId, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenantId) + sql, connection);
        foreach (var (parameter, value) in parameters)
        {
            command.Parameters.AddWithValue(parameter, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var drop in _drops)
        {
            await ExecuteAsync(drop);
        }

        _drops.Clear();
    }
}
