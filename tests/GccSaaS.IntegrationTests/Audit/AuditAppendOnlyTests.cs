using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Notifications;
using Npgsql;

namespace GccSaaS.IntegrationTests.Audit;

/// <summary>
/// The audit log is append-only for the application role, by grant: it may insert and read its tenant's
/// entries but never change or remove one, not even its own tenant's.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class AuditAppendOnlyTests(PlatformFixture fixture)
{
    [Fact]
    public async Task The_application_role_can_insert_and_read_audit_entries()
    {
        var tenant = await fixture.Services.CreateTenantAsync("ao");
        var id = Guid.NewGuid();

        var inserted = await fixture.Database.ExecuteAsync(
            tenant.Id,
            "INSERT INTO notifications.audit_entries (tenant_id, id, occurred_at, action, module, details, actor, recorded_at) VALUES (@t, @id, now(), 'ProbeCommand', 'Shell', '{}', 'someone', now())",
            ("t", tenant.Id),
            ("id", id));

        Assert.Equal(1, inserted);
        Assert.Equal("ProbeCommand", await fixture.Database.ScalarAsync<string>(tenant.Id, "SELECT action FROM notifications.audit_entries WHERE id = @id", ("id", id)));
    }

    [Theory]
    [InlineData("UPDATE notifications.audit_entries SET actor = 'somebody else' WHERE id = @id")]
    [InlineData("DELETE FROM notifications.audit_entries WHERE id = @id")]
    [InlineData("TRUNCATE notifications.audit_entries")]
    public async Task The_application_role_cannot_change_or_remove_audit_entries_of_its_own_tenant(string statement)
    {
        var tenant = await fixture.Services.CreateTenantAsync("ao");
        var id = Guid.NewGuid();
        await fixture.Database.ExecuteAsync(
            tenant.Id,
            "INSERT INTO notifications.audit_entries (tenant_id, id, occurred_at, action, module, details, actor, recorded_at) VALUES (@t, @id, now(), 'ProbeCommand', 'Shell', '{}', 'someone', now())",
            ("t", tenant.Id),
            ("id", id));

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(tenant.Id, statement, ("id", id)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // 42501
        Assert.Contains("permission denied", error.MessageText, StringComparison.Ordinal);
        Assert.Equal("someone", await fixture.Database.ScalarAsync<string>(tenant.Id, "SELECT actor FROM notifications.audit_entries WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_grants_on_the_audit_table_are_exactly_insert_and_select_for_the_application_role()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(privilege_type, ',' ORDER BY privilege_type)
              FROM information_schema.role_table_grants
             WHERE grantee = 'gccsaas_app' AND table_schema = 'notifications' AND table_name = 'audit_entries'
            """,
            connection);

        Assert.Equal("INSERT,SELECT", await command.ExecuteScalarAsync());
    }
}
