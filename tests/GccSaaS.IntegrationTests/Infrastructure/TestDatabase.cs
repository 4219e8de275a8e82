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

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = Required("GCCSAAS_PG_ADMIN_CS");
        var app = Required("ConnectionStrings__Default");
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
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 50)
            {
                // A host's pool (the scheduler has its own) has just closed an application-role session
                // whose backend has not exited yet; the owner may not terminate it, so wait for it to go.
                await Task.Delay(100);
            }
        }
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable)
        ?? throw new InvalidOperationException(
            $"{variable} is not set. Integration tests need the local PostgreSQL: run build/test.sh, or eval \"$(build/pg.sh env)\" first.");
}
