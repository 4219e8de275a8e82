using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Partnerships, invitations, reminders and invitation settings are tenant-owned: PostgreSQL itself keeps other
/// tenants out (raw SQL as the application role, no EF filter in the way).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RelationshipsRowLevelSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Another_tenant_can_neither_read_nor_change_nor_delete_a_tenants_relationship_rows()
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var b = await fixture.Services.CreateTenantAsync("rb");
        var ids = await InsertAllAsync(a.Id, a.Id);

        foreach (var (table, where) in Tables(a.Id, ids))
        {
            Assert.Equal(1L, await CountAsync(a.Id, $"SELECT count(*) FROM {table} WHERE {where}"));
            Assert.Equal(0L, await CountAsync(b.Id, $"SELECT count(*) FROM {table} WHERE {where}"));
            Assert.Equal(0L, await CountAsync(null, $"SELECT count(*) FROM {table} WHERE {where}"));
            Assert.Equal(0, await ExecuteAsync(b.Id, $"DELETE FROM {table} WHERE {where}"));
        }

        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE relationships.partnerships SET reseller_name = 'x' WHERE id = '{ids.Partnership}'"));
        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE relationships.invitations SET status = 'Revoked' WHERE id = '{ids.Invitation}'"));
        Assert.Equal(0, await ExecuteAsync(b.Id, $"UPDATE relationships.invitation_settings SET lifetime_days = 1 WHERE tenant_id = '{a.Id}'"));
        Assert.Equal("Pending", await AppRoleSql.ScalarAsync<string>(fixture.Database.AppConnectionString, a.Id, $"SELECT status FROM relationships.invitations WHERE id = '{ids.Invitation}'"));
    }

    [Fact]
    public async Task Another_tenant_cannot_write_relationship_rows_into_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var b = await fixture.Services.CreateTenantAsync("rb");

        var error = await Assert.ThrowsAsync<PostgresException>(() => InsertAllAsync(b.Id, a.Id));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task R_REL_3_a_removed_partnership_always_names_who_attested_and_which_wording()
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var ids = await InsertAllAsync(a.Id, a.Id);

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            ExecuteAsync(a.Id, $"UPDATE relationships.partnerships SET status = 'Removed', removed_at = now() WHERE id = '{ids.Partnership}'"));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task R_REL_2_two_active_partnerships_with_one_reseller_cannot_exist_in_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var reseller = Guid.NewGuid();
        await ExecuteAsync(a.Id, PartnershipSql(a.Id, Guid.NewGuid(), reseller));

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, PartnershipSql(a.Id, Guid.NewGuid(), reseller)));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    private static (string Table, string Where)[] Tables(Guid owner, (Guid Partnership, Guid Invitation) ids) =>
    [
        ("relationships.partnerships", $"id = '{ids.Partnership}'"),
        ("relationships.invitations", $"id = '{ids.Invitation}'"),
        ("relationships.invitation_reminders", $"invitation_id = '{ids.Invitation}'"),
        ("relationships.invitation_settings", $"tenant_id = '{owner}'"),
    ];

    private async Task<(Guid Partnership, Guid Invitation)> InsertAllAsync(Guid asTenant, Guid owner)
    {
        var partnership = Guid.NewGuid();
        var invitation = Guid.NewGuid();
        await ExecuteAsync(asTenant, PartnershipSql(owner, partnership, Guid.NewGuid()) + $"""
            ;
            INSERT INTO relationships.invitations (tenant_id, id, kind, status, token_hash, invited_email, created_by_user_id, created_by_name,
                culture, created_at, expires_at, send_count)
            VALUES ('{owner}', '{invitation}', 'Partnership', 'Pending', sha256('t{invitation}'::bytea), 'x@test.example', gen_random_uuid(), 'Sam',
                'en', now(), now() + interval '30 days', 1);
            INSERT INTO relationships.invitation_reminders (tenant_id, invitation_id, send_number, days_before, sent_at)
            VALUES ('{owner}', '{invitation}', 1, 7, now());
            INSERT INTO relationships.invitation_settings (tenant_id, lifetime_days, reminder_days_before, updated_at)
            VALUES ('{owner}', 30, ARRAY[7,1], now());
            """);
        return (partnership, invitation);
    }

    private static string PartnershipSql(Guid owner, Guid id, Guid reseller) => $"""
        INSERT INTO relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
        VALUES ('{owner}', '{id}', '{reseller}', 'Test Reseller', '5999999', 'Active', now())
        """;

    private Task<int> ExecuteAsync(Guid? tenant, string sql) => AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql);

    private Task<long> CountAsync(Guid? tenant, string sql) => AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql);
}
