using System.Data;
using Hangfire.PostgreSql;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Data;

/// <summary>
/// Hangfire's tables in schema <c>hangfire</c>, created and upgraded by Hangfire.PostgreSql's own installer
/// (<see cref="PostgreSqlObjectsInstaller"/>, versioned scripts) as the owner role during migration. The hosts run
/// as the application role with <c>PrepareSchemaIfNecessary = false</c>: they use the tables, never create or
/// alter them. The application role gets only what Hangfire needs: USAGE on the schema, DML on its tables,
/// and its sequences.
/// </summary>
public static class HangfireSchema
{
    public const string Schema = "hangfire";

    /// <summary>Serialises installation between hosts that migrate at the same time.</summary>
    private const long AdvisoryLockKey = 0x6763_6373_6866_6972; // "gccshfir"

    /// <summary>
    /// Installs or upgrades Hangfire's objects and grants the application role their use. Idempotent, and safe
    /// from two hosts at once (a session advisory lock serialises them).
    /// </summary>
    public static async Task InstallAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerConnectionString);
        // Hangfire's installer opens its own transactions; it must not enlist in an ambient one.
        var builder = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Enlist = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, Schema);
            await ExecuteAsync(connection, $"""
                GRANT USAGE ON SCHEMA {Schema} TO {DatabaseRoles.Application};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Schema} TO {DatabaseRoles.Application};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Schema} TO {DatabaseRoles.Application};
                REVOKE CREATE ON SCHEMA {Schema} FROM {DatabaseRoles.Application};
                """, cancellationToken);
        }
        finally
        {
            // A broken connection is discarded, and its session's lock goes with it.
            if (connection.State == ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
