using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Identity;
using GccSaaS.IntegrationTests.Notifications;
using Npgsql;

namespace GccSaaS.IntegrationTests.Tenancy;

/// <summary>
/// Issue 18, defence in depth (ADR 0021): the reads that happen before a tenant is known (API key, invitation, a
/// user's memberships, the Platform admin's member counts, a customer administrator's password hash) go through one
/// SECURITY DEFINER function each. The path works for its key, returns one thing and cannot list; a plain query of the
/// application role sees no other tenant's rows and no password hash.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class NamedLookupPathTests(IdentityFixture fixture)
{
    private static readonly string[] Functions =
    [
        "identity.find_api_key", "identity.touch_api_key", "identity.find_invitation", "identity.memberships_of_user",
        "identity.member_counts", "customers.find_customer_admin", "customers.reset_customer_admin_password",
    ];

    [Fact]
    public async Task Every_named_path_is_a_security_definer_function_of_the_owner_with_a_fixed_search_path_executable_by_the_application_role_only()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        foreach (var name in Functions)
        {
            await using var command = new NpgsqlCommand(
                $"""
                SELECT p.prosecdef,
                       pg_get_userbyid(p.proowner),
                       coalesce(array_to_string(p.proconfig, ','), ''),
                       has_function_privilege('{DatabaseRoles.Application}', p.oid, 'EXECUTE'),
                       EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname || '.' || p.proname = @name
                """,
                connection);
            command.Parameters.AddWithValue("name", name);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), name);
            Assert.True(reader.GetBoolean(0), $"{name} is SECURITY DEFINER");
            Assert.Equal(DatabaseRoles.Owner, reader.GetString(1));
            Assert.Contains("search_path=pg_catalog, pg_temp", reader.GetString(2), StringComparison.Ordinal);
            Assert.True(reader.GetBoolean(3), $"{name} is executable by the application role");
            Assert.False(reader.GetBoolean(4), $"{name} is not executable by PUBLIC");
        }
    }

    [Fact]
    public async Task A_plain_query_of_the_application_role_with_no_tenant_sees_no_membership_key_or_invitation()
    {
        foreach (var table in new[] { "identity.memberships", "identity.api_keys", "identity.user_invitations" })
        {
            Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, $"SELECT count(*) FROM {table}"));
        }

        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var fabrikam = await fixture.TenantAsync(IdentityFixture.Fabrikam);
        Assert.True(await fixture.Database.ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM identity.memberships") > 0);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(fabrikam.Id, "SELECT count(*) FROM identity.memberships WHERE tenant_id = @t", ("t", contoso.Id)));
    }

    [Fact]
    public async Task A_users_memberships_come_through_the_named_path_and_only_that_users()
    {
        var userId = await fixture.UserIdAsync("global.admin@contoso.demo");
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);

        Assert.True(await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.memberships_of_user(@u) WHERE tenant_id = @t", ("u", userId), ("t", contoso.Id)) == 1);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.memberships_of_user(@u) WHERE user_id <> @u", ("u", userId)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.memberships_of_user(NULL)"));
        // Counts of named tenants, never the members themselves.
        Assert.True(await fixture.Database.ScalarAsync<int>(null, "SELECT members FROM identity.member_counts(ARRAY[@t]::uuid[])", ("t", contoso.Id)) > 0);
    }

    [Fact]
    public async Task An_api_key_is_found_by_its_exact_prefix_only_one_at_a_time()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var id = Guid.NewGuid();
        var prefix = "rls" + Guid.NewGuid().ToString("N")[..9];
        await fixture.Database.ExecuteAsync(
            contoso.Id,
            "INSERT INTO identity.api_keys (id, tenant_id, name, role, prefix, secret_hash, created_at, created_by_user_id, expires_at) VALUES (@id, @t, 'probe', 'AdminAgent', @p, decode(repeat('00', 32), 'hex'), now(), gen_random_uuid(), now() + interval '1 year')",
            ("id", id), ("t", contoso.Id), ("p", prefix));

        Assert.Equal(id, await fixture.Database.ScalarAsync<Guid>(null, "SELECT id FROM identity.find_api_key(@p)", ("p", prefix)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.find_api_key('%')"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.find_api_key(NULL)"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.api_keys WHERE prefix = @p", ("p", prefix)));
        // The touch writes the last-used time and nothing else, once per window.
        Assert.Equal(1, await fixture.Database.ScalarAsync<int>(null, "SELECT identity.touch_api_key(@id, now(), now())", ("id", id)));
        Assert.Equal(0, await fixture.Database.ScalarAsync<int>(null, "SELECT identity.touch_api_key(@id, now(), now() - interval '1 minute')", ("id", id)));
    }

    [Fact]
    public async Task An_invitation_is_found_by_its_token_hash_only()
    {
        var contoso = await fixture.TenantAsync(IdentityFixture.Contoso);
        var id = Guid.NewGuid();
        var hash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await fixture.Database.ExecuteAsync(
            contoso.Id,
            "INSERT INTO identity.user_invitations (id, tenant_id, email, normalized_email, role, token_hash, created_at, expires_at) VALUES (@id, @t, 'rls@probe.test', 'RLS@PROBE.TEST', 'AdminAgent', @h, now(), now() + interval '1 day')",
            ("id", id), ("t", contoso.Id), ("h", hash));

        Assert.Equal(id, await fixture.Database.ScalarAsync<Guid>(null, "SELECT id FROM identity.find_invitation(@h)", ("h", hash)));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.find_invitation(NULL)"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM identity.user_invitations WHERE id = @id", ("id", id)));
    }

    [Theory]
    [InlineData("SELECT * FROM customers.customer_tenant_admins")]
    [InlineData("SELECT password_hash FROM customers.customer_tenant_admins")]
    [InlineData("UPDATE customers.customer_tenant_admins SET password_hash = 'x'")]
    [InlineData("UPDATE customers.customer_tenant_admins SET credential_stamp = gen_random_uuid()")]
    [InlineData("DELETE FROM customers.customer_tenant_admins")]
    public async Task A_plain_query_of_the_application_role_cannot_read_or_change_a_customer_administrators_password_hash(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.Database.ExecuteAsync(null, sql));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_customer_administrators_hash_comes_only_by_its_user_name_one_row()
    {
        var userName = await fixture.Database.ScalarAsync<string>(null, "SELECT user_name FROM customers.customer_tenant_admins ORDER BY user_name LIMIT 1");

        Assert.StartsWith("AQAAAA", await fixture.Database.ScalarAsync<string>(null, "SELECT password_hash FROM customers.find_customer_admin(@u)", ("u", userName)), StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM customers.find_customer_admin('%')"));
        Assert.Equal(0L, await fixture.Database.ScalarAsync<long>(null, "SELECT count(*) FROM customers.find_customer_admin(NULL)"));
    }
}
