using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Carts, their lines, orders, order lines and subscriptions are tenant-owned: PostgreSQL itself keeps another
/// tenant from reading or writing them (raw SQL as the application role, no EF filter). Orders are append-only, and
/// the catalogue is read-only for the application.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OrderingRowLevelSecurityTests(PlatformFixture fixture)
{
    private static readonly string[] Tables = ["carts", "cart_line_items", "orders", "order_line_items", "subscriptions"];

    [Fact]
    public async Task Another_tenant_can_neither_read_change_nor_delete_a_tenants_carts_orders_and_subscriptions()
    {
        var a = await fixture.Services.CreateTenantAsync("oa");
        var b = await fixture.Services.CreateTenantAsync("ob");
        var customer = Guid.NewGuid();
        await InsertOrderAsync(a.Id, a.Id, customer);

        foreach (var table in Tables)
        {
            var sql = $"SELECT count(*) FROM ordering.{table} WHERE tenant_id = @t";
            Assert.Equal(1L, await CountAsync(a.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(b.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(null, sql, a.Id));
        }

        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.carts SET status = 'Abandoned', order_id = NULL WHERE customer_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.subscriptions SET quantity = 1 WHERE customer_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM ordering.subscriptions WHERE customer_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM ordering.cart_line_items WHERE tenant_id = @t", customer, ("t", a.Id)));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.subscriptions WHERE tenant_id = @t AND quantity = 25", a.Id));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.carts WHERE tenant_id = @t AND status = 'Ordered'", a.Id));
    }

    [Fact]
    public async Task Another_tenant_cannot_write_a_cart_or_a_subscription_into_a_tenant()
    {
        var a = await fixture.Services.CreateTenantAsync("oa");
        var b = await fixture.Services.CreateTenantAsync("ob");

        var cart = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id,
            """
            INSERT INTO ordering.carts (tenant_id, id, customer_id, status, partner_on_record_attestation_accepted, created_at, last_modified_at, expires_at, last_modified_by)
            VALUES (@t, gen_random_uuid(), @c, 'Active', true, now(), now(), now() + interval '7 days', 'test')
            """,
            Guid.NewGuid(), ("t", a.Id)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, cart.SqlState);
    }

    [Fact]
    public async Task Orders_are_append_only_and_the_application_only_adds_and_retires_offers_never_edits_deletes_or_unretires_them()
    {
        var a = await fixture.Services.CreateTenantAsync("oa");
        var customer = Guid.NewGuid();
        await InsertOrderAsync(a.Id, a.Id, customer);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.orders SET status = 'Cancelled' WHERE customer_id = @c", customer));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "DELETE FROM ordering.order_line_items WHERE tenant_id = @t", customer, ("t", a.Id)));
        var rename = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.offers SET name = 'Renamed' WHERE id = 'O365-G3-GCC'", customer));
        var reprice = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.offer_prices SET list_price = 0 WHERE offer_id = 'O365-G3-GCC'", customer));
        var remove = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "DELETE FROM ordering.offers WHERE id = 'O365-G3-GCC'", customer));
        var unretire = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.offers SET retired = false WHERE id = 'O365-PROPLUS'", customer));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, update.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, delete.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, rename.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, reprice.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, remove.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, unretire.SqlState);
        Assert.Equal(21L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.offers WHERE country = 'US' AND @t IS NOT NULL", a.Id));
    }

    [Fact]
    public async Task Another_tenant_can_neither_read_nor_change_a_tenants_subscription_changes_and_expired_carts()
    {
        var a = await fixture.Services.CreateTenantAsync("oa");
        var b = await fixture.Services.CreateTenantAsync("ob");
        var customer = Guid.NewGuid();
        await InsertOrderAsync(a.Id, a.Id, customer);
        Assert.Equal(1, await ExecuteAsync(a.Id, "UPDATE ordering.subscriptions SET version = version + 1, quantity = 30, last_modified_at = now(), last_modified_by = 'a' WHERE customer_id = @c", customer));
        Assert.Equal(1, await ExecuteAsync(a.Id, "UPDATE ordering.carts SET status = 'Expired', order_id = NULL WHERE customer_id = @c", customer));

        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.subscriptions SET version = version + 1, status = 'Deleted', cancelled_at = now() WHERE customer_id = @c", customer));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.carts SET status = 'Active' WHERE customer_id = @c", customer));
        Assert.Equal(0L, await CountAsync(b.Id, "SELECT count(*) FROM ordering.subscriptions WHERE tenant_id = @t AND version = 2", a.Id));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.subscriptions WHERE tenant_id = @t AND version = 2 AND status = 'Active' AND quantity = 30", a.Id));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.carts WHERE tenant_id = @t AND status = 'Expired'", a.Id));
    }

    private Task<int> InsertOrderAsync(Guid asTenant, Guid owner, Guid customer) => ExecuteAsync(
        asTenant,
        """
        INSERT INTO ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, created_at, created_by)
        VALUES (@t, '00000000-0000-7000-8000-000000000001', @c, '00000000-0000-7000-8000-000000000002', gen_random_uuid(), 'Completed', 'USD', now(), 'test');
        INSERT INTO ordering.carts (tenant_id, id, customer_id, status, partner_on_record_attestation_accepted, created_at, last_modified_at, expires_at, last_modified_by, order_id)
        VALUES (@t, '00000000-0000-7000-8000-000000000002', @c, 'Ordered', true, now(), now(), now() + interval '7 days', 'test', '00000000-0000-7000-8000-000000000001');
        INSERT INTO ordering.cart_line_items (tenant_id, cart_id, id, offer_id, quantity, term_duration, billing_cycle)
        VALUES (@t, '00000000-0000-7000-8000-000000000002', 0, 'O365-G3-GCC', 25, 'P1Y', 'Monthly');
        INSERT INTO ordering.order_line_items (tenant_id, order_id, line_item_number, offer_id, offer_name, quantity, term_duration, billing_cycle, list_price, subscription_id)
        VALUES (@t, '00000000-0000-7000-8000-000000000001', 0, 'O365-G3-GCC', 'Office 365 G3 GCC', 25, 'P1Y', 'Monthly', 23.00, '00000000-0000-7000-8000-000000000003');
        INSERT INTO ordering.subscriptions (tenant_id, id, customer_id, order_id, offer_id, offer_name, product_family, segment, quantity, term_duration, billing_cycle,
                                            status, auto_renew_enabled, support_contact_kind, created_at, commitment_ends_at)
        VALUES (@t, '00000000-0000-7000-8000-000000000003', @c, '00000000-0000-7000-8000-000000000001', 'O365-G3-GCC', 'Office 365 G3 GCC', 'Office365', 'Government', 25, 'P1Y', 'Monthly',
                'Active', true, 'Provider', now(), now() + interval '1 year');
        """,
        customer,
        ("t", owner));

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid customer, params (string Name, object? Value)[] more) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, [("c", customer), .. more]);

    private Task<long> CountAsync(Guid? tenant, string sql, Guid owner) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("t", owner));
}
