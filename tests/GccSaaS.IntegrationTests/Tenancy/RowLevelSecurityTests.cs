using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// The fence is PostgreSQL itself: raw SQL through the application role, with no EF filter in the way,
/// never reaches another tenant's rows. Uses a real module table (partners.outbox_messages).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RowLevelSecurityTests(PlatformFixture fixture)
{
    private const string Table = "partners.outbox_messages";

    [Fact]
    public async Task Raw_sql_as_the_application_role_cannot_read_another_tenants_rows()
    {
        var a = await fixture.Services.CreateTenantAsync("a");
        var b = await fixture.Services.CreateTenantAsync("b");
        var rowOfA = await InsertAsync(a.Id);

        Assert.Equal(1L, await ScalarAsync<long>(a.Id, $"SELECT count(*) FROM {Table} WHERE id = @id", rowOfA));
        Assert.Equal(0L, await ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {Table} WHERE id = @id", rowOfA));
        Assert.Equal(0L, await ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {Table} WHERE tenant_id = @id", a.Id));
    }

    [Fact]
    public async Task Raw_sql_as_the_application_role_cannot_update_or_delete_another_tenants_rows()
    {
        var a = await fixture.Services.CreateTenantAsync("a");
        var b = await fixture.Services.CreateTenantAsync("b");
        var rowOfA = await InsertAsync(a.Id);

        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE {Table} SET type = 'hijacked' WHERE id = @id", rowOfA));
        Assert.Equal(0, await ExecuteAsync(b.Id, $"DELETE FROM {Table} WHERE id = @id", rowOfA));
        Assert.Equal("Test.Ping", await ScalarAsync<string>(a.Id, $"SELECT type FROM {Table} WHERE id = @id", rowOfA));
    }

    [Fact]
    public async Task Raw_sql_as_the_application_role_cannot_insert_a_row_for_another_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("a");
        var b = await fixture.Services.CreateTenantAsync("b");

        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(tenantSet: b.Id, rowTenant: a.Id));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_sql_cannot_move_a_row_into_another_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("a");
        var b = await fixture.Services.CreateTenantAsync("b");
        var rowOfA = await InsertAsync(a.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => ExecuteAsync(a.Id, $"UPDATE {Table} SET tenant_id = @id2 WHERE id = @id", rowOfA, b.Id));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task With_no_tenant_set_tenant_tables_yield_nothing_and_refuse_writes()
    {
        var a = await fixture.Services.CreateTenantAsync("a");
        await InsertAsync(a.Id);

        Assert.Equal(0L, await ScalarAsync<long>(null, $"SELECT count(*) FROM {Table}"));
        Assert.Equal(0, await ExecuteAsync(null, $"UPDATE {Table} SET type = 'x'"));
        await Assert.ThrowsAsync<PostgresException>(() => InsertAsync(tenantSet: null, rowTenant: a.Id));
    }

    [Fact]
    public async Task The_application_role_owns_nothing_and_cannot_bypass_row_level_security()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT r.rolbypassrls, r.rolsuper,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
                 + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid)
              FROM pg_roles r WHERE r.rolname = current_user
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0), "the application role must not have BYPASSRLS");
        Assert.False(reader.GetBoolean(1), "the application role must not be a superuser");
        Assert.Equal(0L, reader.GetInt64(2));
    }

    private Task<Guid> InsertAsync(Guid tenantId) => InsertAsync(tenantId, tenantId);

    private async Task<Guid> InsertAsync(Guid? tenantSet, Guid rowTenant)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            tenantSet,
            $"INSERT INTO {Table} (tenant_id, id, occurred_at, type, payload) VALUES (@id2, @id, now(), 'Test.Ping', '{{}}')",
            id,
            rowTenant);
        return id;
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid? id = null, Guid? id2 = null) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, ("id", id), ("id2", id2));

    private Task<T> ScalarAsync<T>(Guid? tenant, string sql, Guid? id = null) =>
        AppRoleSql.ScalarAsync<T>(fixture.Database.AppConnectionString, tenant, sql, ("id", id), ("id2", null));
}
