using GccSaaS.BuildingBlocks.Data;
using Npgsql;

namespace GccSaaS.IntegrationTests.Infrastructure;

/// <summary>
/// Raw SQL as the application role, with the same per-batch tenant setting the product writes and no EF
/// query filter in the way: what the row-level security tests of every tenant table use.
/// </summary>
public static class AppRoleSql
{
    public static async Task<int> ExecuteAsync(string connectionString, Guid? tenant, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, tenant, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, Guid? tenant, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, tenant, sql, parameters);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, Guid? tenant, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant) + sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
