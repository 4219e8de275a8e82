using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BrowserTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 16 item 8: a Sales agent searches the customers by a word inside their names, sorts the list by clicking the
/// name's header (aria-sort follows), pages forward and back, opens a customer and finds the breadcrumbs back to the
/// list; axe finds no serious or critical violation on the list or the customer's page. In English and German at 1366 px
/// and 390 px (issue 16); each run has its own customers.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ListToolsJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_sales_agent_sorts_the_customers_by_a_header_pages_forward_and_back_and_follows_the_breadcrumbs(string locale, int width) => RunAsync(async page =>
    {
        var word = "Sortable" + Guid.NewGuid().ToString("N")[..8];
        await ArrangeCustomersAsync(word, 26);

        await SignInAsync(page, "sales.agent@contoso.demo");
        await page.GotoAsync($"/{Contoso}/customers");
        await page.Locator("#q").FillAsync(word.ToUpperInvariant()); // a word in the middle of the names, in other case
        await page.Locator("#search-button").ClickAsync();

        var nameHeader = page.Locator("th[data-sort-key='name']");
        var rows = page.Locator("#customers tbody tr");
        await Expect(nameHeader).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync($"City of {word} 01");
        await Expect(page.Locator("#page-size")).ToContainTextAsync(Text("ListTexts", "Paging_RowsPerPage", 25));
        await AxeAsync(page);

        await nameHeader.Locator("a").ClickAsync();
        await Expect(nameHeader).ToHaveAttributeAsync("aria-sort", "descending");
        await AxeAsync(page);
        Assert.Contains("sort=-name", page.Url, StringComparison.Ordinal);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync($"City of {word} 26");

        await page.Locator("#next-page").ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync($"City of {word} 01");
        await page.Locator("#previous-page").ClickAsync();
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(rows.First.Locator("td").First).ToHaveTextAsync($"City of {word} 26");
        await Expect(page.Locator("#previous-page")).ToHaveCountAsync(0);
        await ShotAsync(page, "customers-sorted");

        await rows.First.Locator("a").ClickAsync();
        var crumbs = page.Locator("nav#breadcrumbs");
        await Expect(crumbs).ToHaveAttributeAsync("aria-label", Text("ListTexts", "Breadcrumbs_Label"));
        await Expect(crumbs.Locator("[aria-current='page']")).ToHaveTextAsync($"City of {word} 26");
        await AxeAsync(page);
        await crumbs.Locator("a", new() { HasText = Text("ListTexts", "Crumb_Customers") }).ClickAsync();
        await Expect(page.Locator("#customers-title")).ToBeVisibleAsync();
    }, locale, width: width);

    /// <summary>Customers "City of {word} 01" … of contoso-distribution, written as the list reads them (owner SQL, in the tenant).</summary>
    private async Task ArrangeCustomersAsync(string word, int count)
    {
        var owner = Portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations")
            ?? throw new InvalidOperationException("No owner connection string.");
        var tenant = await Portal.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(Contoso)
            ?? throw new InvalidOperationException("No demo tenant.");
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + """
            INSERT INTO customers.customer_tenants (id, company_name, domain, address_line1, city, state, postal_code, country,
                                                    contact_first_name, contact_last_name, email, culture, language, created_by_tenant_id, created_at)
            SELECT gen_random_uuid(), 'City of ' || @w || ' ' || lpad(i::text, 2, '0'), lower(@w) || i || '.onmicrosoft.com',
                   '1 Main St', 'Springfield', 'OR', '97000', 'US', 'Pat', 'Lee', 'it@example.com', 'en-US', 'en', @t, now()
              FROM generate_series(1, @n) AS i;
            INSERT INTO customers.customers (tenant_id, customer_tenant_id, company_name, sort_name, domain, origin, created_by_name, created_at)
            SELECT @t, id, company_name, lower(company_name), domain, 'Created', 'browser test', now()
              FROM customers.customer_tenants WHERE domain LIKE lower(@w) || '%';
            INSERT INTO customers.delegated_admin_grants (tenant_id, customer_tenant_id, grantee_kind, granted_at)
            SELECT @t, id, 'Provider', now() FROM customers.customer_tenants WHERE domain LIKE lower(@w) || '%';
            """,
            connection);
        command.Parameters.AddWithValue("t", tenant.Id);
        command.Parameters.AddWithValue("w", word);
        command.Parameters.AddWithValue("n", count);
        await command.ExecuteNonQueryAsync();
    }
}
