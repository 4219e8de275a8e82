using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17: the webhook tables are fenced by PostgreSQL itself: raw SQL as the application role never reads, changes,
/// deletes or writes another tenant's endpoints, deliveries or attempts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhooksRowLevelSecurityTests(PlatformFixture fixture)
{
    private const string InsertEndpoint = """
        INSERT INTO notifications.webhook_endpoints (tenant_id, id, url, event_types, protected_secret, status, created_at, created_by)
        VALUES (@t, @e, 'https://hooks.example/x', ARRAY['order.placed'], 'protected', 'Active', now(), 'test');
        """;

    private const string InsertAll = InsertEndpoint + """
        INSERT INTO notifications.webhook_deliveries (tenant_id, id, endpoint_id, event_type, payload, source_message_id, created_at, status, attempt_count, next_attempt_at)
        VALUES (@t, @d, @e, 'order.placed', '{}', gen_random_uuid(), now(), 'Pending', 0, now());
        INSERT INTO notifications.webhook_attempts (tenant_id, id, delivery_id, endpoint_id, event_type, attempted_at, status_code, succeeded, duration_ms)
        VALUES (@t, gen_random_uuid(), @d, @e, 'order.placed', now(), 200, true, 5);
        """;

    [Fact]
    public async Task Webhooks_another_tenant_can_neither_read_change_nor_delete_endpoints_deliveries_or_attempts()
    {
        var a = await fixture.Services.CreateTenantAsync("wha");
        var b = await fixture.Services.CreateTenantAsync("whb");
        var endpoint = Guid.NewGuid();
        await ExecuteAsync(a.Id, InsertAll, ("t", a.Id), ("e", endpoint), ("d", Guid.NewGuid()));

        foreach (var table in new[] { "webhook_endpoints", "webhook_deliveries", "webhook_attempts" })
        {
            var sql = $"SELECT count(*) FROM notifications.{table} WHERE tenant_id = @t";
            Assert.Equal(1L, await CountAsync(a.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(b.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(null, sql, a.Id));
            Assert.Equal(0, await ExecuteAsync(b.Id, $"DELETE FROM notifications.{table} WHERE tenant_id = @t", ("t", a.Id)));
        }

        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE notifications.webhook_endpoints SET url = 'https://evil.example/' WHERE id = @e", ("e", endpoint)));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE notifications.webhook_deliveries SET status = 'Pending' WHERE endpoint_id = @e", ("e", endpoint)));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM notifications.webhook_endpoints WHERE tenant_id = @t AND url = 'https://hooks.example/x'", a.Id));
    }

    [Fact]
    public async Task Webhooks_another_tenant_cannot_write_endpoints_into_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("wha");
        var b = await fixture.Services.CreateTenantAsync("whb");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id, InsertEndpoint, ("t", a.Id), ("e", Guid.NewGuid())));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Equal(0L, await CountAsync(a.Id, "SELECT count(*) FROM notifications.webhook_endpoints WHERE tenant_id = @t", a.Id));
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, params (string Name, object? Value)[] parameters) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, parameters);

    private Task<long> CountAsync(Guid? tenant, string sql, Guid owner) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("t", owner));
}
