using GccSaaS.BuildingBlocks.Data;
using GccSaaS.IntegrationTests.Infrastructure;
using Npgsql;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// The customers list stays fast at a million customers because every page — first or later, searched by the
/// start of the name, filtered by reseller — is an index range scan that stops after one page, never a scan and
/// sort of the tenant's customers. Asserted on PostgreSQL's plan (not a timing) over 50,000 analysed rows.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CustomersListPlanTests(PlatformFixture fixture)
{
    [Theory]
    [InlineData("first page", "", "ix_customers_tenant_id_sort_name_customer_tenant_id", false)]
    [InlineData("next page", "AND (sort_name > 'customer 020000' OR (sort_name = 'customer 020000' AND customer_tenant_id > '00000000-0000-0000-0000-000000000000'))", "ix_customers_tenant_id_sort_name_customer_tenant_id", false)]
    [InlineData("search", "AND ((sort_name >= 'customer 0312' AND sort_name < 'customer 0312􏿿') OR (domain >= 'customer 0312' AND domain < 'customer 0312􏿿'))", "ix_customers_tenant_id_domain", true)]
    [InlineData("reseller", "AND reseller_organisation_id = '11111111-1111-1111-1111-111111111111'", "ix_customers_tenant_id_reseller_organisation_id_sort_name", false)]
    public async Task Every_page_of_the_list_is_an_index_scan_without_a_sort(string page, string condition, string index, bool searchMaySortItsMatches)
    {
        var tenant = await fixture.Services.CreateTenantAsync("pl");
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + """
            INSERT INTO customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, reseller_organisation_id, origin, created_by_name, created_at)
            SELECT @t, gen_random_uuid(), 'Customer ' || lpad(i::text, 6, '0'), 'customer ' || lpad(i::text, 6, '0'), 'c' || i || '.onmicrosoft.com',
                   CASE WHEN i % 10 = 0 THEN '11111111-1111-1111-1111-111111111111'::uuid END, 'Created', 'bench', now()
              FROM generate_series(1, 50000) AS i;
            ANALYZE customers.customers;
            """, connection))
        {
            fill.Parameters.AddWithValue("t", tenant.Id);
            fill.CommandTimeout = 120;
            await fill.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + $"""
            EXPLAIN SELECT customer_tenant_id, company_name, sort_name, domain, reseller_organisation_id
              FROM customers.customers
             WHERE tenant_id = @t {condition}
             ORDER BY sort_name, customer_tenant_id
             LIMIT 26;
            """, connection);
        explain.Parameters.AddWithValue("t", tenant.Id);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            do
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }
            while (await reader.NextResultAsync());
        }

        var text = string.Join(Environment.NewLine, plan.Where(l => !l.StartsWith("Result", StringComparison.Ordinal)));
        Assert.True(text.Contains(index, StringComparison.Ordinal), $"{page}: {text}");
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        if (searchMaySortItsMatches)
        {
            // Both starts-with ranges are index conditions (name and domain), never a filter over the tenant's rows.
            Assert.True(text.Contains("ix_customers_tenant_id_sort_name", StringComparison.Ordinal), $"{page}: {text}");
            Assert.False(plan.Any(l => l.TrimStart().StartsWith("Filter:", StringComparison.Ordinal)), $"{page}: {text}");
            return; // a starts-with search may combine the name and domain indexes and sort only the few matches
        }

        Assert.DoesNotContain("Sort", text.Replace("Sort Key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
