using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>
/// idempotency.idempotent_requests holds a tenant's requests and answers: PostgreSQL itself keeps other tenants
/// out (raw SQL as the application role, no EF filter in the way). Rows are made through the API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class IdempotentRequestsRowLevelSecurityTests(ApiFixture fixture)
{
    private const string Table = "idempotency.idempotent_requests";

    [Fact]
    public async Task Another_tenant_cannot_read_a_tenants_idempotent_requests()
    {
        var (a, requestId) = await WriteThroughTheApiAsync();
        var b = await fixture.CreateTenantAsync();

        Assert.Equal(1L, await ScalarAsync<long>(a, $"SELECT count(*) FROM {Table} WHERE request_id = @id", requestId));
        Assert.Equal(0L, await ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {Table} WHERE request_id = @id", requestId));
        Assert.Equal(0L, await ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {Table} WHERE tenant_id = @id", a));
        Assert.Equal(0L, await ScalarAsync<long>(null, $"SELECT count(*) FROM {Table} WHERE request_id = @id", requestId));
    }

    [Fact]
    public async Task Another_tenant_cannot_change_or_delete_a_tenants_idempotent_requests()
    {
        var (a, requestId) = await WriteThroughTheApiAsync();
        var b = await fixture.CreateTenantAsync();

        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE {Table} SET response_status = 500 WHERE request_id = @id", requestId));
        Assert.Equal(0, await ExecuteAsync(b.Id, $"DELETE FROM {Table} WHERE request_id = @id", requestId));
        Assert.Equal(201, await ScalarAsync<int>(a, $"SELECT response_status FROM {Table} WHERE request_id = @id", requestId));
    }

    [Fact]
    public async Task Another_tenant_cannot_write_a_record_into_a_tenant()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            b.Id,
            $"""
            INSERT INTO {Table} (tenant_id, request_id, request_hash, method, path, state, created_at, expires_at, response_status)
            VALUES (@id2, @id, '\x00', 'POST', '/v1/x', 'Completed', now(), now() + interval '1 day', 201)
            """,
            Guid.NewGuid(),
            a.Id));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private async Task<(Guid Tenant, Guid RequestId)> WriteThroughTheApiAsync()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);
        var requestId = Guid.NewGuid();
        using var response = await client.SendAsync(ApiCalls.CreateWidget("fenced", requestId));
        Assert.Equal(requestId.ToString(), response.Header(ApiHeaders.RequestId));
        return (tenant.Id, requestId);
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid? id = null, Guid? id2 = null) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, ("id", id), ("id2", id2));

    private Task<T> ScalarAsync<T>(Guid? tenant, string sql, Guid? id = null) =>
        AppRoleSql.ScalarAsync<T>(fixture.Database.AppConnectionString, tenant, sql, ("id", id), ("id2", null));
}
