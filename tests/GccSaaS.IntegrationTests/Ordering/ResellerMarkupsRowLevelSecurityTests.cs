using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Reseller prices are tenant-owned: PostgreSQL itself keeps another tenant from reading, changing, deleting or writing a
/// provider's default markup and its resellers' markups (raw SQL as the application role, no EF filter), and an order's
/// recorded prices stay append-only.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ResellerMarkupsRowLevelSecurityTests(PlatformFixture fixture)
{
    private const string InsertMarkups = """
        INSERT INTO ordering.markup_settings (tenant_id, default_markup_percent, updated_at, updated_by) VALUES (@t, 7.5, now(), 'test');
        INSERT INTO ordering.reseller_markups (tenant_id, reseller_organisation_id, markup_percent, updated_at, updated_by) VALUES (@t, @r, 12, now(), 'test');
        """;

    [Fact]
    public async Task Reseller_prices_another_tenant_can_neither_read_change_nor_delete_a_providers_markups()
    {
        var a = await fixture.Services.CreateTenantAsync("ma");
        var b = await fixture.Services.CreateTenantAsync("mb");
        var reseller = Guid.NewGuid();
        await ExecuteAsync(a.Id, InsertMarkups, ("t", a.Id), ("r", reseller));

        foreach (var table in new[] { "markup_settings", "reseller_markups" })
        {
            var sql = $"SELECT count(*) FROM ordering.{table} WHERE tenant_id = @t";
            Assert.Equal(1L, await CountAsync(a.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(b.Id, sql, a.Id));
            Assert.Equal(0L, await CountAsync(null, sql, a.Id));
        }

        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.markup_settings SET default_markup_percent = 99 WHERE tenant_id = @t", ("t", a.Id)));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE ordering.reseller_markups SET markup_percent = 99 WHERE reseller_organisation_id = @r", ("r", reseller)));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM ordering.reseller_markups WHERE reseller_organisation_id = @r", ("r", reseller)));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM ordering.markup_settings WHERE tenant_id = @t", ("t", a.Id)));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.markup_settings WHERE tenant_id = @t AND default_markup_percent = 7.5", a.Id));
        Assert.Equal(1L, await CountAsync(a.Id, "SELECT count(*) FROM ordering.reseller_markups WHERE tenant_id = @t AND markup_percent = 12", a.Id));
    }

    [Fact]
    public async Task Reseller_prices_another_tenant_cannot_write_markups_into_a_tenant_and_a_markup_stays_within_0_to_100()
    {
        var a = await fixture.Services.CreateTenantAsync("ma");
        var b = await fixture.Services.CreateTenantAsync("mb");

        var foreign = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id, InsertMarkups, ("t", a.Id), ("r", Guid.NewGuid())));
        var tooHigh = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id,
            "INSERT INTO ordering.markup_settings (tenant_id, default_markup_percent, updated_at, updated_by) VALUES (@t, 101, now(), 'test')", ("t", a.Id)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, foreign.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, tooHigh.SqlState);
    }

    [Fact]
    public async Task Reseller_prices_an_orders_recorded_prices_cannot_be_changed_afterwards()
    {
        var a = await fixture.Services.CreateTenantAsync("ma");
        await ExecuteAsync(a.Id,
            """
            INSERT INTO ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, reseller_organisation_id, reseller_partner_id, created_at, created_by, markup_percent)
            VALUES (@t, '00000000-0000-7000-8000-0000000000a1', gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'Completed', 'USD', gen_random_uuid(), '5123400', now(), 'test', 10);
            INSERT INTO ordering.order_line_items (tenant_id, order_id, line_item_number, offer_id, offer_name, quantity, term_duration, billing_cycle, list_price, subscription_id, reseller_price)
            VALUES (@t, '00000000-0000-7000-8000-0000000000a1', 0, 'O365-G3-GCC', 'Office 365 G3 GCC', 25, 'P1Y', 'Monthly', 23.00, gen_random_uuid(), 25.30);
            """,
            ("t", a.Id));

        var markup = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.orders SET markup_percent = 0 WHERE tenant_id = @t", ("t", a.Id)));
        var price = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(a.Id, "UPDATE ordering.order_line_items SET reseller_price = 23.00 WHERE tenant_id = @t", ("t", a.Id)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, markup.SqlState);
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, price.SqlState);
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, params (string Name, object? Value)[] parameters) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, parameters);

    private Task<long> CountAsync(Guid? tenant, string sql, Guid owner) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("t", owner));
}
