using System.Collections.Concurrent;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Customers.Features.CustomerList;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Customers;

/// <summary>
/// The customers list stays fast at a million customers because every page — first or later, searched by the
/// start of the name, filtered by reseller — is an index range scan that stops after one page, never a scan and
/// sort of the tenant's customers. Asserted on PostgreSQL's plan (not a timing) over 50,000 analysed rows, for
/// the very SQL the product runs: the list handler's own query (<see cref="ListCustomersHandler.Query"/>) turned
/// into its command with its parameters, so a slower product query fails here.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CustomersListPlanTests(PlatformFixture fixture)
{
    private static readonly Guid Reseller = Guid.Parse("11111111-1111-1111-1111-111111111111");

    public static TheoryData<string, string?, string?, bool, string, bool> Pages => new()
    {
        // page, search, after (sort name), by reseller, the index that must serve it, whether the search may sort its few matches
        { "first page", null, null, false, "ix_customers_tenant_id_sort_name_customer_tenant_id", false },
        { "next page", null, "customer 020000", false, "ix_customers_tenant_id_sort_name_customer_tenant_id", false },
        // Issue 16: a search finds a word anywhere in the name, by the word's key range (customer_name_words' primary key).
        { "search", "000312", null, false, "pk_customer_name_words", true },
        { "search of two words", "customer 00031", null, false, "pk_customer_name_words", true },
        { "reseller", null, null, true, "ix_customers_tenant_id_reseller_organisation_id_sort_name", false },
        // Partner Center's filters on /v1/customers (the IndirectReseller filter is the "reseller" page above)
        { "filter CompanyName starts_with", null, null, false, "ix_customers_tenant_id_sort_name_customer_tenant_id", false },
        { "filter Domain starts_with", null, null, false, "ix_customers_tenant_id_domain", false },
    };

    public static TheoryData<string, bool, bool, string> Sorts => new()
    {
        // Issue 16: every sort the portal offers, either way, for the whole list and for a reseller's customers
        { CustomerSorts.Name, true, false, "ix_customers_tenant_id_sort_name_customer_tenant_id" },
        { CustomerSorts.Created, false, false, "ix_customers_tenant_id_created_at_customer_tenant_id" },
        { CustomerSorts.Created, true, false, "ix_customers_tenant_id_created_at_customer_tenant_id" },
        { CustomerSorts.Created, false, true, "ix_customers_tenant_id_reseller_organisation_id_created_at" }, // PostgreSQL cuts names at 63 characters
    };

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Every_offered_sort_pages_by_an_index_scan_without_a_sort(string sort, bool descending, bool byReseller, string index)
    {
        var tenant = await FilledTenantAsync(oneInstant: false);
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        var after = new CustomerCursor("customer 020000", Guid.Empty, DateTimeOffset.UtcNow.AddDays(-1));
        var query = new ListCustomersQuery(tenant.Id, null, byReseller ? Reseller : null, null, after, 26, Sort: sort, Descending: descending);

        var text = await ExplainAsync(connection, tenant, query);

        Assert.True(text.Contains(index, StringComparison.Ordinal), $"{sort} {descending}: {text}");
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", text.Replace("Sort Key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>
    /// The tenant of 50,000 customers the plans are read against, filled and analysed once per database and kind (the tests
    /// only read it): filling one per test cost 5 s each, 11 times over.
    /// </summary>
    private Task<TenantInfo> FilledTenantAsync(bool oneInstant) =>
        Filled.GetOrAdd((fixture.Database.OwnerConnectionString, oneInstant), key => new Lazy<Task<TenantInfo>>(async () =>
        {
            var tenant = await fixture.Services.CreateTenantAsync(key.OneInstant ? "pl" : "ps");
            await using var connection = new NpgsqlConnection(key.Owner);
            await connection.OpenAsync();
            await FillAsync(connection, tenant.Id, key.OneInstant);
            return tenant;
        })).Value;

    private static readonly ConcurrentDictionary<(string Owner, bool OneInstant), Lazy<Task<TenantInfo>>> Filled = new();

    /// <summary>50,000 customers of one tenant, every tenth with the reseller, a minute apart (or all at one instant).</summary>
    private static async Task FillAsync(NpgsqlConnection connection, Guid tenantId, bool oneInstant = false)
    {
        await using var fill = new NpgsqlCommand(TenantSql.SetLocalTenant(tenantId) + """
            INSERT INTO customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, reseller_organisation_id, origin, created_by_name, created_at)
            SELECT @t, gen_random_uuid(), 'Customer ' || lpad(i::text, 6, '0'), 'customer ' || lpad(i::text, 6, '0'), 'c' || i || '.onmicrosoft.com',
                   CASE WHEN i % 10 = 0 THEN @r END, 'Created', 'bench', CASE WHEN @one THEN now() ELSE now() - i * interval '1 minute' END
              FROM generate_series(1, 50000) AS i;
            ANALYZE customers.customers;
            ANALYZE customers.customer_name_words;
            """, connection);
        fill.Parameters.AddWithValue("t", tenantId);
        fill.Parameters.AddWithValue("r", Reseller);
        fill.Parameters.AddWithValue("one", oneInstant);
        fill.CommandTimeout = 120;
        await fill.ExecuteNonQueryAsync();
    }

    private async Task<string> ExplainAsync(NpgsqlConnection connection, TenantInfo tenant, ListCustomersQuery query)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        var handler = ActivatorUtilities.CreateInstance<ListCustomersHandler>(scope.ServiceProvider);
        await using var product = handler.Query(query).CreateDbCommand();
        return await QueryPlans.ExplainAsync(connection, product, TenantSql.SetLocalTenant(tenant.Id));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_of_the_list_is_an_index_scan_without_a_sort(string page, string? search, string? after, bool byReseller, string index, bool searchMaySortItsMatches)
    {
        var namePrefix = page == "filter CompanyName starts_with" ? "customer 0312" : null;
        var domainPrefix = page == "filter Domain starts_with" ? "c3120" : null;
        var tenant = await FilledTenantAsync(oneInstant: true);
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();

        // The handler's query for this page, as the command EF sends (text and parameters), at the API's page size + 1.
        var query = new ListCustomersQuery(tenant.Id, search, byReseller ? Reseller : null, null, after is null ? null : new CustomerCursor(after, Guid.Empty), 26,
            namePrefix, domainPrefix);
        var text = await ExplainAsync(connection, tenant, query);
        var plan = text.Split(Environment.NewLine);
        Assert.True(text.Contains(index, StringComparison.Ordinal), $"{page}: {text}");
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        if (namePrefix is not null || domainPrefix is not null)
        {
            // The prefix is the index condition (a key range), never a filter applied to the tenant's rows one by one.
            Assert.True(text.Contains("Index Cond", StringComparison.Ordinal), $"{page}: {text}");
            Assert.False(plan.Any(l => l.TrimStart().StartsWith("Filter:", StringComparison.Ordinal)), $"{page}: {text}");
        }

        if (domainPrefix is not null)
        {
            return; // the domain's range finds a few customers, sorted by name afterwards
        }

        if (searchMaySortItsMatches)
        {
            // The word's key range is the index condition on the words, never a filter over the tenant's customers.
            Assert.Contains("Index Cond", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Index Scan using ix_customers_tenant_id_sort_name", text, StringComparison.Ordinal);
            return; // a search finds a few customers by their words and sorts only those
        }

        Assert.DoesNotContain("Sort", text.Replace("Sort Key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
