using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// The provider's customers, delegated admin grants and agreement attestations are tenant-owned: PostgreSQL
/// itself keeps another tenant from reading or writing them (raw SQL as the application role, no EF filter).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CustomersRowLevelSecurityTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Another_tenant_can_neither_read_change_nor_delete_a_tenants_customers_grants_and_agreements()
    {
        var a = await fixture.Services.CreateTenantAsync("ca");
        var b = await fixture.Services.CreateTenantAsync("cb");
        var customer = Guid.NewGuid();
        await InsertCustomerAsync(a.Id, a.Id, customer);

        foreach (var table in new[] { "customers", "delegated_admin_grants", "agreements" })
        {
            Assert.Equal(1L, await CountAsync(a.Id, $"SELECT count(*) FROM customers.{table} WHERE customer_tenant_id = @c", customer));
            Assert.Equal(0L, await CountAsync(b.Id, $"SELECT count(*) FROM customers.{table} WHERE customer_tenant_id = @c", customer));
            Assert.Equal(0L, await CountAsync(null, $"SELECT count(*) FROM customers.{table} WHERE customer_tenant_id = @c", customer));
        }

        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE customers.customers SET reseller_organisation_id = gen_random_uuid() WHERE customer_tenant_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE customers.delegated_admin_grants SET grantee_organisation_id = NULL WHERE customer_tenant_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM customers.delegated_admin_grants WHERE customer_tenant_id = @c", customer));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM customers.customers WHERE customer_tenant_id = @c AND reseller_organisation_id IS NULL", customer));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM customers.delegated_admin_grants WHERE customer_tenant_id = @c", customer));
    }

    [Fact]
    public async Task Issue16_another_tenant_can_neither_read_change_nor_write_the_words_of_a_tenants_customer_names()
    {
        var a = await fixture.Services.CreateTenantAsync("ca");
        var b = await fixture.Services.CreateTenantAsync("cb");
        var customer = Guid.NewGuid();
        await InsertCustomerAsync(a.Id, a.Id, customer);
        const string Words = "SELECT count(*) FROM customers.customer_name_words WHERE customer_tenant_id = @c";

        Assert.Equal(2L, await CountAsync(a.Id, Words, customer)); // "springfield" and the domain, written by the trigger
        Assert.Equal(0L, await CountAsync(b.Id, Words, customer));
        Assert.Equal(0L, await CountAsync(null, Words, customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE customers.customer_name_words SET word = 'x' WHERE customer_tenant_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM customers.customer_name_words WHERE customer_tenant_id = @c", customer));
        Assert.Equal(2L, await CountAsync(a.Id, Words, customer));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id,
            "INSERT INTO customers.customer_name_words (tenant_id, word, customer_tenant_id) VALUES (@t, 'planted', @c)", customer, ("t", a.Id)));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Another_tenant_cannot_write_a_customer_into_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("ca");
        var b = await fixture.Services.CreateTenantAsync("cb");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id,
            """
            INSERT INTO customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, origin, created_by_name, created_at)
            VALUES (@t, @c, 'X', 'x', 'x.onmicrosoft.com', 'Created', 'test', now())
            """,
            Guid.NewGuid(), ("t", a.Id)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task R_PC_6_an_agreement_attestation_is_append_only_for_the_application()
    {
        var a = await fixture.Services.CreateTenantAsync("ca");
        var customer = Guid.NewGuid();
        await InsertCustomerAsync(a.Id, a.Id, customer);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE customers.agreements SET contact_email = 'x@example.com' WHERE customer_tenant_id = @c", customer));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "DELETE FROM customers.agreements WHERE customer_tenant_id = @c", customer));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
    }

    private Task<int> InsertCustomerAsync(Guid asTenant, Guid owner, Guid customer) => ExecuteAsync(
        asTenant,
        """
        INSERT INTO customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, origin, created_by_name, created_at)
        VALUES (@t, @c, 'Springfield', 'springfield', 'springfield.onmicrosoft.com', 'Created', 'test', now());
        INSERT INTO customers.delegated_admin_grants (tenant_id, customer_tenant_id, grantee_kind, granted_at) VALUES (@t, @c, 'Provider', now());
        INSERT INTO customers.agreements (tenant_id, id, customer_tenant_id, agreement_type, contact_first_name, contact_last_name, contact_email, date_agreed, recorded_by_name, recorded_at)
        VALUES (@t, gen_random_uuid(), @c, 'MicrosoftCustomerAgreement', 'Pat', 'Lee', 'pat@example.com', now(), 'test', now());
        """,
        customer,
        ("t", owner));

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid customer, params (string Name, object? Value)[] more) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, [("c", customer), .. more]);

    private Task<long> CountAsync(Guid? tenant, string sql, Guid customer) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("c", customer));
}
