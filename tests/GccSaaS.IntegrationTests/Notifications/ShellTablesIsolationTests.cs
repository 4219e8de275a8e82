using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Notifications;

/// <summary>
/// The notification and audit tables are fenced by PostgreSQL itself: raw SQL as the application role
/// never reads or writes another tenant's rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ShellTablesIsolationTests(PlatformFixture fixture)
{
    private const string InsertNotification = """
        INSERT INTO notifications.notifications (tenant_id, id, recipient_user_id, kind, subject, body, created_at, source_message_id)
        VALUES (@tenant, @id, @user, 'test', 'Secret subject', 'Body', now(), @id)
        """;

    private const string InsertAuditEntry = """
        INSERT INTO notifications.audit_entries (tenant_id, id, occurred_at, action, module, details, actor, recorded_at)
        VALUES (@tenant, @id, now(), 'TestCommand', 'Shell', '{}', 'someone', now())
        """;

    public static TheoryData<string, string> Tables() => new()
    {
        { "notifications.notifications", InsertNotification },
        { "notifications.audit_entries", InsertAuditEntry },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Another_tenant_cannot_read_the_rows(string table, string insert)
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var b = await fixture.Services.CreateTenantAsync("rb");
        var id = Guid.NewGuid();
        await fixture.Database.ExecuteAsync(a.Id, insert, ("tenant", a.Id), ("id", id), ("user", Guid.NewGuid()));

        Assert.Equal(1L, await fixture.Database.ScalarAsync<long>(a.Id, $"SELECT count(*) FROM {table} WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {table} WHERE id = @id", ("id", id)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(b.Id, $"SELECT count(*) FROM {table} WHERE tenant_id = @t", ("t", a.Id)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, $"SELECT count(*) FROM {table} WHERE id = @id", ("id", id)));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Another_tenant_cannot_write_rows_into_the_tenant(string table, string insert)
    {
        var a = await fixture.Services.CreateTenantAsync("wa");
        var b = await fixture.Services.CreateTenantAsync("wb");

        var error = await Assert.ThrowsAsync<PostgresException>(
            () => fixture.Database.ExecuteAsync(b.Id, insert, ("tenant", a.Id), ("id", Guid.NewGuid()), ("user", Guid.NewGuid())));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(a.Id, $"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Another_tenant_cannot_mark_or_delete_notifications()
    {
        var a = await fixture.Services.CreateTenantAsync("ma");
        var b = await fixture.Services.CreateTenantAsync("mb");
        var id = Guid.NewGuid();
        await fixture.Database.ExecuteAsync(a.Id, InsertNotification, ("tenant", a.Id), ("id", id), ("user", Guid.NewGuid()));

        Assert.Equal(0, await fixture.Database.ExecuteAsync(b.Id, "UPDATE notifications.notifications SET read_at = now(), subject = 'hijacked' WHERE id = @id", ("id", id)));
        Assert.Equal(0, await fixture.Database.ExecuteAsync(b.Id, "DELETE FROM notifications.notifications WHERE id = @id", ("id", id)));
        Assert.Equal("Secret subject", await fixture.Database.ScalarAsync<string>(a.Id, "SELECT subject FROM notifications.notifications WHERE id = @id", ("id", id)));
    }
}
