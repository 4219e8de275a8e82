using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Reliability;

/// <summary>
/// What the fault tests read from the database afterwards, as the owner role on a connection of its own (no pool: a
/// restarted server leaves a pool's connections broken).
/// </summary>
public static class FaultProbes
{
    /// <summary>A scalar as the owner role in the tenant (RLS is forced for the owner too).</summary>
    public static async Task<long> ScalarAsync(TestDatabase database, Guid tenant, string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Outbox messages not yet delivered, over every module's outbox and every tenant.</summary>
    public static async Task<long> UndeliveredAsync(TestDatabase database) => await SumOverOutboxesAsync(database, null, "processed_at IS NULL");

    /// <summary>Outbox messages the tenant's work wrote, delivered or not, over every module's outbox.</summary>
    public static async Task<long> OutboxMessagesAsync(TestDatabase database, Guid tenant) => await SumOverOutboxesAsync(database, tenant, "true");

    private static async Task<long> SumOverOutboxesAsync(TestDatabase database, Guid? tenant, string condition)
    {
        ArgumentNullException.ThrowIfNull(database);
        var schemas = new List<string>();
        var tenants = new List<Guid>();
        await using (var connection = await OpenAsync(database))
        {
            await using (var read = new NpgsqlCommand("SELECT table_schema FROM information_schema.tables WHERE table_name = 'outbox_messages'", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    schemas.Add(reader.GetString(0));
                }
            }

            await using (var read = new NpgsqlCommand("SELECT id FROM platform.tenants", connection))
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tenants.Add(reader.GetGuid(0));
                }
            }
        }

        var sql = "SELECT " + string.Join(" + ", schemas.Select(s => $"(SELECT count(*) FROM \"{s}\".outbox_messages WHERE {condition})"));
        var total = 0L;
        foreach (var id in tenant is { } one ? [one] : tenants)
        {
            total += await ScalarAsync(database, id, sql);
        }

        return total;
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
