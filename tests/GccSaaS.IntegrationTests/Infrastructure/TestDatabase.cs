using GccSaaS.BuildingBlocks.Data;
using Npgsql;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway database on the cluster that build/pg.sh runs, created by the owner role and dropped at
/// the end. Connection strings come from the environment that <c>build/pg.sh env</c> prints.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name, string ownerConnectionString, string appConnectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        OwnerConnectionString = ownerConnectionString;
        AppConnectionString = appConnectionString;
    }

    public string Name { get; }

    /// <summary>gccsaas_owner: owns the schemas, runs migrations.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>gccsaas_app: owns nothing, lacks BYPASSRLS — what the product runs as.</summary>
    public string AppConnectionString { get; }

    /// <summary>
    /// Issues the tenant a GCC validation code (R-PC-2), as Validation does on a partner's approval: written with SQL
    /// as the owner in the tenant (RLS is forced for the owner too), since issuing one needs a reviewed case.
    /// </summary>
    public async Task<string> IssueValidationCodeAsync(Guid tenantId, int maxCreates, int? remaining = null)
    {
        var code = "GCC-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenantId) + """
            INSERT INTO validation.validation_codes (tenant_id, validation_id, case_id, partner_organisation_id, partner_id, organization_name, max_creates, remaining_creates, issued_at)
            VALUES (@t, @code, gen_random_uuid(), gen_random_uuid(), '4811230', 'Contoso Distribution', @max, @remaining, now())
            """,
            connection);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("code", code);
        command.Parameters.AddWithValue("max", maxCreates);
        command.Parameters.AddWithValue("remaining", remaining ?? maxCreates);
        await command.ExecuteNonQueryAsync();
        return code;
    }

    public static Task<TestDatabase> CreateAsync() => CreateAsync(Required("GCCSAAS_PG_ADMIN_CS"), Required("ConnectionStrings__Default"));

    /// <summary>A throwaway database on another cluster (a test's own, see Reliability/PrivatePostgresCluster).</summary>
    public static async Task<TestDatabase> CreateAsync(string admin, string app)
    {
        var name = "gccsaas_it_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using (var connection = new NpgsqlConnection(WithDatabase(admin, name)))
        {
            await connection.OpenAsync();
            await using var revoke = new NpgsqlCommand("REVOKE CREATE ON SCHEMA public FROM PUBLIC", connection);
            await revoke.ExecuteNonQueryAsync();
        }

        return new TestDatabase(admin, name, WithDatabase(admin, name), WithDatabase(app, name));
    }

    /// <summary>The application role's connection string with extra settings (e.g. a pool of one).</summary>
    public string AppConnectionStringWith(Action<NpgsqlConnectionStringBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new NpgsqlConnectionStringBuilder(AppConnectionString);
        configure(builder);
        return builder.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The owner may not terminate the application role's sessions (a pool that has not closed
                // yet, e.g. the scheduler's); the application role may end its own, so it does that first.
                await TerminateApplicationSessionsAsync();
                await using var connection = new NpgsqlConnection(_adminConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt >= 60)
                {
                    // Cleaning up is not what a test proves: leave the database behind rather than fail.
                    await Console.Error.WriteLineAsync($"TestDatabase: could not drop {Name}: {ex.MessageText}");
                    return;
                }

                await Task.Delay(500);
            }
        }
    }

    private async Task TerminateApplicationSessionsAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(AppConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @name AND usename = current_user AND pid <> pg_backend_pid()",
            connection);
        terminate.Parameters.AddWithValue("name", Name);
        await terminate.ExecuteScalarAsync();
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException(
            $"{variable} is not set. Integration tests need the local PostgreSQL: run build/test.sh, or eval \"$(build/pg.sh env)\" first.");
}
