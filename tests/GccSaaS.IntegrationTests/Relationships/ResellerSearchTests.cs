using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Relationships.Features.Partnerships;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Issue 16, R-REL-2: the Indirect resellers search matches any word of the reseller's name (and the start of its
/// PartnerID) through partnership_name_words, kept by a trigger: the words are tenant-owned (row-level security), and
/// a search is an index range on their primary key, never a scan of the tenant's partnerships (asserted on the plan
/// of the handler's own query over 20,000 analysed partnerships).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ResellerSearchTests(PlatformFixture fixture)
{
    [Fact]
    public async Task Issue16_another_tenant_can_neither_read_change_nor_write_the_words_of_a_tenants_reseller_names()
    {
        var a = await fixture.Services.CreateTenantAsync("ra");
        var b = await fixture.Services.CreateTenantAsync("rb");
        var partnership = Guid.NewGuid();
        await AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, a.Id,
            """
            INSERT INTO relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
            VALUES (@t, @p, gen_random_uuid(), 'Northwind Cloud-Traders', '7654321', 'Active', now())
            """,
            ("t", a.Id), ("p", partnership));
        const string Words = "SELECT count(*) FROM relationships.partnership_name_words WHERE partnership_id = @p";

        Assert.Equal(4L, await CountAsync(a.Id, Words, partnership)); // northwind, cloud, traders and the PartnerID, by the trigger
        Assert.Equal(0L, await CountAsync(b.Id, Words, partnership));
        Assert.Equal(0L, await CountAsync(null, Words, partnership));
        Assert.Equal(0, await ExecuteAsync(b.Id, "UPDATE relationships.partnership_name_words SET word = 'x' WHERE partnership_id = @p", partnership));
        Assert.Equal(0, await ExecuteAsync(b.Id, "DELETE FROM relationships.partnership_name_words WHERE partnership_id = @p", partnership));
        Assert.Equal(4L, await CountAsync(a.Id, Words, partnership));
        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(b.Id,
            "INSERT INTO relationships.partnership_name_words (tenant_id, word, partnership_id) VALUES (@t, 'planted', @p)", partnership, ("t", a.Id)));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);

        // A renamed reseller is found by its new words only.
        await ExecuteAsync(a.Id, "UPDATE relationships.partnerships SET reseller_name = 'Southwind Traders' WHERE id = @p", partnership);
        Assert.Equal(0L, await CountAsync(a.Id, Words + " AND word = 'northwind'", partnership));
        Assert.Equal(1L, await CountAsync(a.Id, Words + " AND word = 'southwind'", partnership));
    }

    [Theory]
    [InlineData("000312")]
    [InlineData("traders 00031")]
    [InlineData("7000312")]
    public async Task Issue16_a_resellers_search_by_any_word_is_an_index_range_on_the_words_not_a_scan(string search)
    {
        var tenant = await fixture.Services.CreateTenantAsync("rp");
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + """
            INSERT INTO relationships.partnerships (tenant_id, id, reseller_organisation_id, reseller_name, partner_id, status, since)
            SELECT @t, gen_random_uuid(), gen_random_uuid(), 'Reseller ' || lpad(i::text, 6, '0') || ' Traders', (7000000 + i)::text, 'Active', now() - i * interval '1 minute'
              FROM generate_series(1, 20000) AS i;
            ANALYZE relationships.partnerships;
            ANALYZE relationships.partnership_name_words;
            """, connection))
        {
            fill.Parameters.AddWithValue("t", tenant.Id);
            fill.CommandTimeout = 120;
            await fill.ExecuteNonQueryAsync();
        }

        await using var scope = fixture.Services.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        var handler = ActivatorUtilities.CreateInstance<ListIndirectResellersHandler>(scope.ServiceProvider);
        await using var product = handler.Query(new ListIndirectResellersQuery(search, null, 26), tenant.Id).CreateDbCommand();
        var text = await QueryPlans.ExplainAsync(connection, product, TenantSql.SetLocalTenant(tenant.Id));

        Assert.True(text.Contains("pk_partnership_name_words", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Northwind Cloud-Traders, Inc.")]
    [InlineData("A&B (US)/East+West_east@#*|us-b")]
    [InlineData("  Tailspin   Toys;Wingtip:Toys!  ")]
    public async Task Issue16_the_database_splits_a_name_into_the_words_a_search_is_split_into(string name)
    {
        // One word mechanism (WordIndex): both words functions split as WordIndex.Of splits a search typed in (at most five words).
        var expected = WordIndex.Of(name).Order(StringComparer.Ordinal).ToList();
        foreach (var function in new[] { "relationships.partnership_words", "customers.customer_words" })
        {
            await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
            await connection.OpenAsync();
            await using var split = new NpgsqlCommand($"SELECT w FROM {function}(@name, '') AS w ORDER BY w COLLATE \"C\"", connection);
            split.Parameters.AddWithValue("name", name);
            var words = new List<string>();
            await using (var reader = await split.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    words.Add(reader.GetString(0));
                }
            }

            Assert.Equal(expected, words);
        }
    }

    private Task<int> ExecuteAsync(Guid? tenant, string sql, Guid partnership, params (string Name, object? Value)[] more) =>
        AppRoleSql.ExecuteAsync(fixture.Database.AppConnectionString, tenant, sql, [("p", partnership), .. more]);

    private Task<long> CountAsync(Guid? tenant, string sql, Guid partnership) =>
        AppRoleSql.ScalarAsync<long>(fixture.Database.AppConnectionString, tenant, sql, ("p", partnership));
}
