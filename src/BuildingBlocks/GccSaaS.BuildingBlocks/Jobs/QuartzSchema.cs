using System.Data;
using GccSaaS.BuildingBlocks.Data;
using Npgsql;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Quartz's tables in schema <c>quartz</c>, created by Quartz itself (its embedded PostgreSQL script,
/// <see cref="SchemaProvisioning.CreateIfMissing"/>) as the owner role during migration. The hosts run as
/// the application role with <see cref="SchemaProvisioning.Validate"/>: they may use the tables, never
/// create or alter them.
/// </summary>
public static class QuartzSchema
{
    public const string Schema = "quartz";

    /// <summary>Quartz's table prefix, schema-qualified: <c>quartz.qrtz_triggers</c>, …</summary>
    public const string TablePrefix = Schema + ".qrtz_";

    /// <summary>Serialises provisioning between hosts that migrate at the same time.</summary>
    private const long AdvisoryLockKey = 0x6763_6373_7161_7274; // "gccsqart"

    /// <summary>
    /// Creates schema <c>quartz</c> if it is missing, lets Quartz create whatever of its tables are
    /// missing (never altering or dropping any), and grants the application role the use of them.
    /// Idempotent, and safe from two hosts at once (a session advisory lock serialises them).
    /// </summary>
    public static async Task ProvisionAsync(string ownerConnectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerConnectionString);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Schema}", cancellationToken);
            await CreateQuartzTablesAsync(ownerConnectionString, cancellationToken);
            await ExecuteAsync(connection, $"""
                GRANT USAGE ON SCHEMA {Schema} TO {DatabaseRoles.Application};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Schema} TO {DatabaseRoles.Application};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Schema} TO {DatabaseRoles.Application};
                ALTER DEFAULT PRIVILEGES IN SCHEMA {Schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {DatabaseRoles.Application};
                ALTER DEFAULT PRIVILEGES IN SCHEMA {Schema} GRANT USAGE, SELECT ON SEQUENCES TO {DatabaseRoles.Application};
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

    /// <summary>
    /// Builds (and never starts) a throwaway scheduler whose store provisions its schema: Quartz runs its
    /// embedded, guarded script when the store initialises. Its own scheduler name keeps it clear of the
    /// cluster's rows, though an unstarted scheduler touches none anyway.
    /// </summary>
    private static async Task CreateQuartzTablesAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        await using var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "GccSaaS.SchemaProvisioning");
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(ownerConnectionString);
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.TablePrefix = TablePrefix);
                store.ProvisionSchema();
            });
        }).Build();
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.Shutdown(waitForJobsToComplete: false, cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
