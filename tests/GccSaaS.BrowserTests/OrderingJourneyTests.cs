using GccSaaS.BrowserTests.Infrastructure;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 14's journeys with the demo seed (build/run.sh's sign-ins): the Global admin gives Adatum Reseller its own
/// markup; Adatum's reseller agent opens its validated GCC customer (City of Renton Water), adds Office 365 G3 GCC × 25 to
/// a cart, sees its MPN ID and its own price on review, buys, and sees the subscription with itself as reseller of record
/// (R-ORD-2, R-ORD-3, R-ORD-4). The same attempt, in German, for its customer that is not validated (Lucerne Publishing)
/// shows every refusal on review at once and creates nothing; Cancel asks first (R-ORD-1, R-PC-6, R-ORD-2).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OrderingJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium), IClassFixture<ChromiumFixture>
{
    private const string Contoso = "contoso-distribution";
    private const string AdatumPartnerId = "5123400";
    private const string RentonWater = "7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c02";
    private const string LucernePublishing = "7e1c0d5a-4b2f-4c3e-9d10-5e7f8a9b0c03";

    [Fact]
    public Task A_reseller_agent_buys_Office_365_G3_GCC_for_its_validated_GCC_customer_at_its_own_price_as_reseller_of_record() => RunAsync(async page =>
    {
        await ArrangeGccPartnerAsync();

        // The provider's Global admin gives Adatum Reseller its own markup of 10 % on the Prices page.
        await SignInAsync(page, "global.admin@contoso.demo");
        await page.Locator("a[data-nav='prices']").ClickAsync();
        await page.Locator($"#markup-{AdatumPartnerId}").FillAsync("10");
        await page.Locator($"#save-markup-{AdatumPartnerId}").ClickAsync();
        await Expect(page.Locator("#status-message")).ToBeVisibleAsync();
        await Expect(page.Locator($"#reseller-markups tr[data-partner-id='{AdatumPartnerId}']")).ToHaveAttributeAsync("data-markup-in-force", "10");
        await ShotAsync(page, "prices-provider");
        await page.Locator("#sign-out").ClickAsync();

        // Adatum's reseller agent finds its customer and adds subscriptions from the account page.
        await SignInAsync(page, "reseller.agent@adatum.demo");
        await page.Locator("a[data-nav='customers']").ClickAsync();
        await page.Locator("#q").FillAsync("City of Renton");
        await page.Locator("#search-button").ClickAsync();
        await page.Locator("#customers a", new() { HasText = "City of Renton Water" }).ClickAsync();
        await Expect(page.Locator("#customer-title")).ToHaveTextAsync("City of Renton Water");
        await page.Locator("#add-subscriptions").ClickAsync();

        await Expect(page.Locator("#add-products-title")).ToHaveTextAsync("Add subscriptions for City of Renton Water");
        await Expect(page.Locator("#customer-gcc")).ToHaveAttributeAsync("data-gcc", "true");
        await Expect(page.Locator("#own-reseller")).ToContainTextAsync($"MPN ID {AdatumPartnerId}");
        var line = page.Locator("tr[data-offer-id='O365-G3-GCC']");
        await Expect(line.Locator(".badge")).ToHaveTextAsync("GCC");
        await line.Locator("input[type='number']").FillAsync("25");
        await line.Locator("select").SelectOptionAsync("P1Y:Monthly");
        await Expect(line.Locator("select option:checked")).ToContainTextAsync("your price 25.30 USD");
        await page.Locator("#attested").CheckAsync();
        await ShotAsync(page, "add-products-reseller");
        await page.Locator("#review-button").ClickAsync();

        // Review: the MPN ID of the reseller of record and the reseller's own price; nothing in the way.
        await Expect(page.Locator("#review-title")).ToHaveTextAsync("Review the order for City of Renton Water");
        await Expect(page.Locator("#reseller-of-record")).ToHaveTextAsync($"Adatum Reseller, MPN ID {AdatumPartnerId}");
        await Expect(page.Locator("#review-line-0 .quantity")).ToHaveTextAsync("25");
        await Expect(page.Locator("#your-price-0")).ToHaveTextAsync("25.30 USD");
        await Expect(page.Locator("#review-totals")).ToContainTextAsync("632.50 USD");
        await Expect(page.Locator(".list-price")).ToHaveCountAsync(0); // the provider's list price is not the reseller's business
        await Expect(page.Locator("#review-ready")).ToBeVisibleAsync();
        await ShotAsync(page, "review-reseller");
        await page.Locator("#buy").ClickAsync();

        // The subscription is active at once, with Adatum as reseller of record.
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/customers/{RentonWater}/subscriptions"));
        await Expect(page.Locator("#status-message")).ToContainTextAsync("New subscriptions, active now: 1.");
        var row = page.Locator("#subscriptions tr[data-offer-id='O365-G3-GCC']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".quantity")).ToHaveTextAsync("25");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Active");
        await Expect(row.Locator(".reseller-of-record")).ToHaveTextAsync($"Adatum Reseller, MPN ID {AdatumPartnerId}");
        await ShotAsync(page, "subscriptions-reseller");

        // The order keeps the price the reseller bought at.
        await page.Locator("#see-order").ClickAsync();
        await Expect(page.Locator("section.order .your-price").First).ToHaveTextAsync("25.30 USD");
    });

    [Fact]
    public Task The_same_attempt_for_a_customer_that_is_not_validated_shows_every_refusal_on_review_in_German_and_creates_nothing() => RunAsync(async page =>
    {
        await ArrangeGccPartnerAsync();
        await SignInAsync(page, "reseller.agent@adatum.demo");
        await page.GotoAsync($"/{Contoso}/customers/{LucernePublishing}");
        await Expect(page.Locator("#customer-title")).ToHaveTextAsync("Lucerne Publishing");
        await page.Locator("#add-subscriptions").ClickAsync();

        await Expect(page.Locator("#add-products-title")).ToHaveTextAsync("Abonnements hinzufügen für Lucerne Publishing");
        await Expect(page.Locator("#customer-gcc")).ToHaveAttributeAsync("data-gcc", "false");
        var line = page.Locator("tr[data-offer-id='O365-G3-GCC']");
        await line.Locator("input[type='number']").FillAsync("25");
        await page.Locator("#attested").CheckAsync();
        await page.Locator("#review-button").ClickAsync();

        // Every refusal at once, in German, each with its fix; no "Kaufen".
        await Expect(page.Locator("#problems-heading")).ToHaveTextAsync("Diese Bestellung kann noch nicht gekauft werden");
        var problems = page.Locator("#problems li");
        await Expect(problems).ToHaveCountAsync(2);
        await Expect(page.Locator("#problems li[data-code='customer_agreement_missing']")).ToContainTextAsync("Microsoft-Kundenvereinbarung");
        await Expect(page.Locator("#problems li[data-code='customer_not_gcc_validated']")).ToContainTextAsync("Office 365 G3 GCC ist ein GCC-Angebot");
        await Expect(page.Locator("#problems li[data-code='customer_agreement_missing'] a.fix")).ToHaveTextAsync("Kundenvereinbarung erfassen");
        await Expect(page.Locator("#problems li[data-code='customer_not_gcc_validated'] a.fix")).ToHaveTextAsync("GCC-Validierung des Kunden ansehen");
        await Expect(page.Locator("#reseller-of-record")).ToContainTextAsync($"MPN-ID {AdatumPartnerId}");
        await Expect(page.Locator("#buy")).ToHaveCountAsync(0);
        await ShotAsync(page, "review-refusals-de");

        // Cancel asks first ("Abbrechen"), then abandons the cart: nothing was bought.
        await page.Locator("#cancel-cart").ClickAsync();
        await Expect(page.Locator("#cancel-heading")).ToContainTextAsync("Diesen Warenkorb abbrechen?");
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/customers/{LucernePublishing}/subscriptions"));
        await Expect(page.Locator("#status-message")).ToHaveTextAsync("Der Warenkorb wurde abgebrochen. Es wurde nichts gekauft.");
        await Expect(page.Locator("#subscriptions-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#open-carts")).ToHaveCountAsync(0);
        await page.Locator("#orders-link").ClickAsync();
        await Expect(page.Locator("#orders-empty")).ToBeVisibleAsync();
        Assert.Equal(0L, await OrdersOfAsync(LucernePublishing));
    }, locale: "de-DE");

    /// <summary>
    /// Contoso Distribution holds Government_community_cloud (R-VAL-4): the demo seed's approval reaches Partners through
    /// the outbox; written idempotently here in case no outbox sweep ran yet in this host.
    /// </summary>
    private async Task ArrangeGccPartnerAsync()
    {
        var tenant = await TenantAsync();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + """
            UPDATE partners.partner_organisations SET qualifications = array_append(qualifications, 'Government_community_cloud')
             WHERE workspace_tenant_id = @t AND NOT ('Government_community_cloud' = ANY (qualifications));
            """,
            connection);
        command.Parameters.AddWithValue("t", tenant.Id);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> OrdersOfAsync(string customer)
    {
        var tenant = await TenantAsync();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT (SELECT count(*) FROM ordering.orders WHERE customer_id = @c) + (SELECT count(*) FROM ordering.subscriptions WHERE customer_id = @c)",
            connection);
        command.Parameters.AddWithValue("c", Guid.Parse(customer));
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }

    private async Task<TenantInfo> TenantAsync() =>
        await Portal.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(Contoso)
        ?? throw new InvalidOperationException("No demo tenant.");

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations"));
        await connection.OpenAsync();
        return connection;
    }
}
