using GccSaaS.BrowserTests.Infrastructure;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace GccSaaS.BrowserTests;

/// <summary>
/// Issue 14's journeys, in English and German at 1366 px and 390 px (issue 16): the Global admin gives Adatum Reseller its
/// own markup; Adatum's reseller agent opens a validated GCC customer of its own (City of Renton Water's twin, made for the
/// run through /v1), adds Office 365 G3 GCC × 25 to a cart, sees its MPN ID and its own price on review, buys, and sees the
/// subscription with itself as reseller of record (R-ORD-2, R-ORD-3, R-ORD-4). The same attempt for a customer that is
/// not validated (Lucerne Publishing's twin) shows every refusal on review at once and creates nothing; Cancel asks first
/// (R-ORD-1, R-PC-6, R-ORD-2). Each run has its customer, so the four variants are independent.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OrderingJourneyTests(PortalFixture portal, ChromiumFixture chromium)
    : BrowserTest(portal, chromium)
{
    private const string Contoso = "contoso-distribution";
    private const string AdatumPartnerId = "5123400";
    private const string Adatum = "Adatum Reseller";

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task A_reseller_agent_buys_Office_365_G3_GCC_for_its_validated_GCC_customer_at_its_own_price_as_reseller_of_record(string locale, int width) => RunAsync(async page =>
    {
        var code = await ArrangeGccPartnerWithCodeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = "Renton Water " + suffix;
        using var api = await ContosoApiAsync();
        var customer = await CreateCustomerAsync(api, company, "rentonwater" + suffix, AdatumTenantId);
        await ValidateAndAgreeAsync(api, customer, code);

        // The provider's Global admin gives Adatum Reseller its own markup of 10 % on the Prices page.
        await SignInAsync(page, "global.admin@contoso.demo");
        await NavigateAsync(page, "prices");
        await page.Locator($"#markup-{AdatumPartnerId}").FillAsync("10");
        await page.Locator($"#save-markup-{AdatumPartnerId}").ClickAsync();
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("OrderingResource", "Status_MarkupSaved"));
        await Expect(page.Locator($"#reseller-markups tr[data-partner-id='{AdatumPartnerId}']")).ToHaveAttributeAsync("data-markup-in-force", "10");
        await AxeAsync(page);
        await ShotAsync(page, "prices-provider");
        await page.Locator("#sign-out").ClickAsync();

        // Adatum's reseller agent finds its customer and adds subscriptions from the account page.
        await SignInAsync(page, "reseller.agent@adatum.demo");
        await NavigateAsync(page, "customers");
        await page.Locator("#q").FillAsync(company);
        await page.Locator("#search-button").ClickAsync();
        await AxeAsync(page);
        await page.Locator("#customers a", new() { HasText = company }).ClickAsync();
        await Expect(page.Locator("#customer-title")).ToHaveTextAsync(company);
        await AxeAsync(page);
        await page.Locator("#add-subscriptions").ClickAsync();

        await Expect(page.Locator("#add-products-title")).ToHaveTextAsync(Text("OrderingResource", "AddProducts_Title", company));
        await Expect(page.Locator("#customer-gcc")).ToHaveAttributeAsync("data-gcc", "true");
        await Expect(page.Locator("#own-reseller")).ToHaveTextAsync(Text("OrderingResource", "AddProducts_YouAreReseller", Adatum, AdatumPartnerId));
        var line = page.Locator("tr[data-offer-id='O365-G3-GCC']");
        await Expect(line.Locator(".badge")).ToHaveTextAsync("GCC");
        await line.Locator("input[type='number']").FillAsync("25");
        await line.Locator("select").SelectOptionAsync("P1Y:Monthly");
        // "{plan} — your price 25.30 USD": the part after the plan, in the page's language and number format.
        var yourPrice = Text("OrderingResource", "AddProducts_PlanYourPrice", "\u0001", Money(25.30m)).Split('\u0001')[1];
        await Expect(line.Locator("select option:checked")).ToContainTextAsync(yourPrice);
        await page.Locator("#attested").CheckAsync();
        await AxeAsync(page);
        await ShotAsync(page, "add-products-reseller");
        await page.Locator("#review-button").ClickAsync();

        // Review: the MPN ID of the reseller of record and the reseller's own price; nothing in the way.
        await Expect(page.Locator("#review-title")).ToHaveTextAsync(Text("OrderingResource", "Review_Title", company));
        await Expect(page.Locator("#reseller-of-record")).ToHaveTextAsync(Text("OrderingResource", "Review_MpnId", Adatum, AdatumPartnerId));
        await Expect(page.Locator("#reseller-of-record")).ToHaveAttributeAsync("data-partner-id", AdatumPartnerId);
        await Expect(page.Locator("#review-line-0 .quantity")).ToHaveTextAsync("25");
        await Expect(page.Locator("#your-price-0")).ToHaveTextAsync(Money(25.30m));
        await Expect(page.Locator("#review-totals")).ToContainTextAsync(Money(632.50m));
        await Expect(page.Locator(".list-price")).ToHaveCountAsync(0); // the provider's list price is not the reseller's business
        await Expect(page.Locator("#review-ready")).ToBeVisibleAsync();
        await AxeAsync(page);
        await ShotAsync(page, "review-reseller");
        await page.Locator("#buy").ClickAsync();

        // The subscription is active at once, with Adatum as reseller of record.
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/customers/{customer}/subscriptions"));
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("OrderingResource", "Status_OrderPlaced", 1));
        var row = page.Locator("#subscriptions tr[data-offer-id='O365-G3-GCC']");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".quantity")).ToHaveTextAsync("25");
        await Expect(row.Locator(".status")).ToHaveTextAsync(Text("OrderingResource", "SubscriptionStatus_Active"));
        await Expect(row.Locator(".reseller-of-record")).ToHaveTextAsync(Text("OrderingResource", "Review_MpnId", Adatum, AdatumPartnerId));
        await AxeAsync(page);
        await ShotAsync(page, "subscriptions-reseller");

        // The order keeps the price the reseller bought at.
        await page.Locator("#see-order").ClickAsync();
        await Expect(page.Locator("section.order .your-price").First).ToHaveTextAsync(Money(25.30m));
        await AxeAsync(page);
    }, locale, width: width);

    [Theory]
    [MemberData(nameof(Matrix), MemberType = typeof(BrowserTest))]
    public Task The_same_attempt_for_a_customer_that_is_not_validated_shows_every_refusal_on_review_and_creates_nothing(string locale, int width) => RunAsync(async page =>
    {
        await ArrangeGccPartnerWithCodeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var company = "Lucerne Publishing " + suffix;
        using var api = await ContosoApiAsync();
        var customer = await CreateCustomerAsync(api, company, "lucerne" + suffix, AdatumTenantId);

        await SignInAsync(page, "reseller.agent@adatum.demo");
        await page.GotoAsync($"/{Contoso}/customers/{customer}");
        await Expect(page.Locator("#customer-title")).ToHaveTextAsync(company);
        await page.Locator("#add-subscriptions").ClickAsync();

        await Expect(page.Locator("#add-products-title")).ToHaveTextAsync(Text("OrderingResource", "AddProducts_Title", company));
        await Expect(page.Locator("#customer-gcc")).ToHaveAttributeAsync("data-gcc", "false");
        var line = page.Locator("tr[data-offer-id='O365-G3-GCC']");
        await line.Locator("input[type='number']").FillAsync("25");
        await page.Locator("#attested").CheckAsync();
        await AxeAsync(page);
        await page.Locator("#review-button").ClickAsync();

        // Every refusal at once, in the user's language, each with its fix; no "Buy".
        await Expect(page.Locator("#problems-heading")).ToHaveTextAsync(Text("OrderingResource", "Review_Problems"));
        var problems = page.Locator("#problems li");
        await Expect(problems).ToHaveCountAsync(2);
        var agreement = page.Locator("#problems li[data-code='customer_agreement_missing']");
        var gcc = page.Locator("#problems li[data-code='customer_not_gcc_validated']");
        await Expect(agreement.Locator(".problem-text")).ToContainTextAsync(Text("OrderingResource", "Error_customer_agreement_missing"));
        await Expect(gcc.Locator(".problem-text")).ToContainTextAsync(Text("OrderingResource", "Error_customer_not_gcc_validated", "Office 365 G3 GCC"));
        await Expect(agreement.Locator("a.fix")).ToHaveTextAsync(Text("OrderingResource", "Fix_Agreement"));
        await Expect(gcc.Locator("a.fix")).ToHaveTextAsync(Text("OrderingResource", "Fix_CustomerGcc"));
        await Expect(page.Locator("#reseller-of-record")).ToHaveTextAsync(Text("OrderingResource", "Review_MpnId", Adatum, AdatumPartnerId));
        await Expect(page.Locator("#buy")).ToHaveCountAsync(0);
        await AxeAsync(page);
        await ShotAsync(page, $"review-refusals-{Culture.TwoLetterISOLanguageName}");

        // Cancel asks first, then abandons the cart: nothing was bought.
        await page.Locator("#cancel-cart").ClickAsync();
        await Expect(page.Locator("#cancel-heading")).ToHaveTextAsync(Text("OrderingResource", "Review_CancelQuestion"));
        await AxeAsync(page);
        await page.Locator("#confirm-cancel").ClickAsync();
        await Expect(page).ToHaveURLAsync(Address($"{Contoso}/customers/{customer}/subscriptions"));
        await Expect(page.Locator("#status-message")).ToContainTextAsync(Text("OrderingResource", "Status_CartCancelled"));
        await Expect(page.Locator("#subscriptions-empty")).ToBeVisibleAsync();
        await Expect(page.Locator("#open-carts")).ToHaveCountAsync(0);
        await AxeAsync(page);
        await page.Locator("#orders-link").ClickAsync();
        await Expect(page.Locator("#orders-empty")).ToBeVisibleAsync();
        await AxeAsync(page);
        Assert.Equal(0L, await OrdersOfAsync(customer));
    }, locale, width: width);

    private async Task<long> OrdersOfAsync(Guid customer)
    {
        var tenant = await Portal.Services.GetRequiredService<ITenantStore>().FindByIdentifierAsync(Contoso)
            ?? throw new InvalidOperationException("No demo tenant.");
        await using var connection = new NpgsqlConnection(Portal.Services.GetRequiredService<IConfiguration>().GetConnectionString("Migrations"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            TenantSql.SetLocalTenant(tenant.Id) + "SELECT (SELECT count(*) FROM ordering.orders WHERE customer_id = @c) + (SELECT count(*) FROM ordering.subscriptions WHERE customer_id = @c)",
            connection);
        command.Parameters.AddWithValue("c", customer);
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
