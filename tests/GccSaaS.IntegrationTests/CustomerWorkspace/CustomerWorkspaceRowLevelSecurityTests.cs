using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.CustomerWorkspace;

/// <summary>
/// R-ORD-7, ADR 0020: a customer's users and license assignments belong to the customer tenant (tenant_id is its id);
/// PostgreSQL keeps every other tenant, customer or provider, from reading or writing them (raw SQL as the application role).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CustomerWorkspaceRowLevelSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Another_tenant_can_neither_read_change_nor_delete_a_customers_users_and_license_assignments()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var user = Guid.NewGuid();
        await ExecuteAsync(a, """
            INSERT INTO customers.customer_users (tenant_id, id, display_name, email, created_at) VALUES (@t, @u, 'Ann', 'ann@a.example', now());
            INSERT INTO customers.license_assignments (tenant_id, product_id, user_id, assigned_at) VALUES (@t, 'O365-G3-GCC', @u, now());
            """, ("t", a), ("u", user));

        foreach (var table in new[] { "customer_users", "license_assignments" })
        {
            Assert.Equal(1L, await CountAsync(a, $"SELECT count(*) FROM customers.{table}"));
            Assert.Equal(0L, await CountAsync(b, $"SELECT count(*) FROM customers.{table}"));
            Assert.Equal(0L, await CountAsync(null, $"SELECT count(*) FROM customers.{table}"));
        }

        Assert.Equal(0, await ExecuteAsync(b, "UPDATE customers.customer_users SET email = 'x@b.example'"));
        Assert.Equal(0, await ExecuteAsync(b, "DELETE FROM customers.license_assignments"));
        Assert.Equal(0, await ExecuteAsync(b, "DELETE FROM customers.customer_users"));
        Assert.Equal(1L, await CountAsync(a, "SELECT count(*) FROM customers.license_assignments"));
        Assert.Equal(1L, await CountAsync(a, "SELECT count(*) FROM customers.customer_users WHERE email = 'ann@a.example'"));
    }

    [Fact]
    public async Task Another_tenant_cannot_write_a_user_or_an_assignment_into_a_customer()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var user = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b,
            "INSERT INTO customers.customer_users (tenant_id, id, display_name, email, created_at) VALUES (@t, gen_random_uuid(), 'Eve', 'eve@b.example', now())",
            ("t", a)));
        var assignment = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b,
            "INSERT INTO customers.license_assignments (tenant_id, product_id, user_id, assigned_at) VALUES (@t, 'O365-G3-GCC', gen_random_uuid(), now())",
            ("t", a)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, user.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, assignment.SqlState);
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, params (string Name, object? Value)[] parameters) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, parameters);

    private Task<long> CountAsync(Guid? tenant, string sql) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql);
}
