using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Customers;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Reseller prices (issue 14, beyond Partner Center): the provider's Global admin sets a default markup and per-reseller
/// markups (<c>/v1/pricing/markups</c> and the Prices page); a reseller's price is the list price × (1 + markup); an order
/// records the list price, the reseller price and the markup in force at checkout, and keeps them when the markup changes.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class ResellerPricesTests(OrderingFixture fixture)
{
    private const string Markups = "/v1/pricing/markups";

    [Fact]
    public async Task Reseller_prices_the_Global_admin_sets_the_default_and_a_resellers_own_markup_and_provider_users_read_them()
    {
        using var admin = await fixture.ApiAsync(OrderingFixture.Contoso, "GlobalAdmin");
        using var sales = await fixture.ApiAsync(OrderingFixture.Contoso);

        using var set = await SendAsync(admin, HttpMethod.Put, Markups, new
        {
            defaultMarkupPercent = 5m,
            resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)12.5m } },
        });
        var read = await sales.GetFromJsonAsync<JsonElement>(new Uri(Markups, UriKind.Relative));
        using var cleared = await SendAsync(admin, HttpMethod.Put, Markups, new { resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)null } } });
        var afterClear = await OrderingFixture.JsonAsync(cleared);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(5m, read.GetProperty("defaultMarkupPercent").GetDecimal());
        var adatum = read.GetProperty("resellers").EnumerateArray().Single(r => r.GetProperty("partnerId").GetString() == OrderingFixture.AdatumPartnerId);
        Assert.Equal(12.5m, adatum.GetProperty("markupPercent").GetDecimal());
        Assert.Equal(12.5m, adatum.GetProperty("markupInForce").GetDecimal());
        Assert.Equal("Adatum Reseller", adatum.GetProperty("name").GetString());
        Assert.Equal("ResellerMarkups", read.GetProperty("attributes").GetProperty("objectType").GetString());
        var back = afterClear.GetProperty("resellers").EnumerateArray().Single(r => r.GetProperty("partnerId").GetString() == OrderingFixture.AdatumPartnerId);
        Assert.Equal(JsonValueKind.Null, back.GetProperty("markupPercent").ValueKind); // back to the default
        Assert.Equal(5m, back.GetProperty("markupInForce").GetDecimal());
    }

    [Fact]
    public async Task Reseller_prices_only_the_Global_admin_changes_markups_within_0_to_100_percent_for_partnered_resellers()
    {
        using var admin = await fixture.ApiAsync(OrderingFixture.Contoso, "GlobalAdmin");
        using var sales = await fixture.ApiAsync(OrderingFixture.Contoso, "SalesAgent");
        using var agent = await fixture.ApiAsync(OrderingFixture.Contoso, "AdminAgent");
        var before = await admin.GetFromJsonAsync<JsonElement>(new Uri(Markups, UriKind.Relative));

        using var bySales = await SendAsync(sales, HttpMethod.Put, Markups, new { defaultMarkupPercent = 50m });
        using var byAgent = await SendAsync(agent, HttpMethod.Put, Markups, new { defaultMarkupPercent = 50m });
        using var tooHigh = await SendAsync(admin, HttpMethod.Put, Markups, new { defaultMarkupPercent = 150m });
        using var negative = await SendAsync(admin, HttpMethod.Put, Markups, new { resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = -1m } } });
        using var fraction = await SendAsync(admin, HttpMethod.Put, Markups, new { defaultMarkupPercent = 1.234m });
        using var unpartnered = await SendAsync(admin, HttpMethod.Put, Markups, new { resellers = new[] { new { partnerId = OrderingFixture.ProsewarePartnerId, markupPercent = 3m } } });
        using var unknown = await SendAsync(admin, HttpMethod.Put, Markups, new { resellers = new[] { new { partnerId = "not-digits", markupPercent = 3m } } });
        var after = await admin.GetFromJsonAsync<JsonElement>(new Uri(Markups, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, bySales.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAgent.StatusCode);
        foreach (var response in new[] { tooHigh, negative, fraction })
        {
            var problem = await OrderingFixture.JsonAsync(response);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(problem.GetProperty("data").EnumerateArray(), d => d.GetProperty("code").GetString() == "markup_out_of_range");
        }

        Assert.Equal(HttpStatusCode.BadRequest, unpartnered.StatusCode);
        Assert.Equal("markup_reseller_not_partnered", Code(await OrderingFixture.JsonAsync(unpartnered)));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(before.GetProperty("defaultMarkupPercent").GetDecimal(), after.GetProperty("defaultMarkupPercent").GetDecimal());
        Assert.Equal(before.GetProperty("resellers").ToString(), after.GetProperty("resellers").ToString());
    }

    [Fact]
    public async Task Reseller_prices_an_order_records_the_list_price_the_reseller_price_and_the_markup_in_force_at_checkout_and_keeps_them()
    {
        using var admin = await fixture.ApiAsync(OrderingFixture.Contoso, "GlobalAdmin");
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        await SetAsync(admin, new { defaultMarkupPercent = 5m, resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)10m } } });
        var adatums = await fixture.CustomerAsync(api, gcc: true, reseller: CustomersFixture.AdatumTenantId);
        var own = await fixture.CustomerAsync(api, gcc: true);

        var first = await OrderAsync(api, adatums, Line("O365-G3-GCC", 25), Line("EMS-E3-GCC", 10, "P1Y", "Annual"));
        await SetAsync(admin, new { resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)20m } } });
        var second = await OrderAsync(api, adatums, Line("O365-G3-GCC", 5));
        var ownOrder = await OrderAsync(api, own, Line("O365-G3-GCC", 5));
        var listed = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{adatums}/orders", UriKind.Relative))).GetProperty("items");

        Assert.Equal(10m, first.GetProperty("markupPercent").GetDecimal());
        Assert.Equal(23.00m, first.GetProperty("lineItems")[0].GetProperty("listPrice").GetDecimal());
        Assert.Equal(25.30m, first.GetProperty("lineItems")[0].GetProperty("resellerPrice").GetDecimal());
        Assert.Equal(127.20m, first.GetProperty("lineItems")[1].GetProperty("listPrice").GetDecimal());
        Assert.Equal(139.92m, first.GetProperty("lineItems")[1].GetProperty("resellerPrice").GetDecimal());
        Assert.Equal(20m, second.GetProperty("markupPercent").GetDecimal());
        Assert.Equal(27.60m, second.GetProperty("lineItems")[0].GetProperty("resellerPrice").GetDecimal());

        // The first order keeps what was in force when it was bought.
        var kept = listed.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == first.GetProperty("id").GetGuid());
        Assert.Equal(10m, kept.GetProperty("markupPercent").GetDecimal());
        Assert.Equal(25.30m, kept.GetProperty("lineItems")[0].GetProperty("resellerPrice").GetDecimal());

        // The provider's own customer has no reseller of record: no markup, no reseller price.
        Assert.Equal(JsonValueKind.Null, ownOrder.GetProperty("markupPercent").ValueKind);
        Assert.Equal(JsonValueKind.Null, ownOrder.GetProperty("lineItems")[0].GetProperty("resellerPrice").ValueKind);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id,
            "SELECT count(*) FROM ordering.orders o JOIN ordering.order_line_items l ON l.tenant_id = o.tenant_id AND l.order_id = o.id WHERE o.id = @o AND o.markup_percent = 10 AND l.line_item_number = 0 AND l.list_price = 23.00 AND l.reseller_price = 25.30",
            ("o", first.GetProperty("id").GetGuid())));
    }

    [Fact]
    public async Task Reseller_prices_on_the_Prices_page_the_Global_admin_sets_markups_provider_users_see_both_prices_and_a_reseller_only_its_own()
    {
        using var admin = await fixture.SignedInAsync("global.admin@contoso.demo");
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");
        var page = $"/{OrderingFixture.Contoso}/prices";

        var shown = await admin.GetAsync(page);
        var setDefault = await admin.PostWithTokenAsync(page + "?handler=Default", AntiforgeryToken(shown.Html) ?? string.Empty, Fields(("DefaultMarkup", "4")));
        var setAdatum = await admin.PostWithTokenAsync(page + "?handler=Reseller", AntiforgeryToken(shown.Html) ?? string.Empty, Fields(
            ("ResellerOrganisationId", CustomersFixture.AdatumId.ToString()), ("ResellerMarkup", "15,5")));
        var invalid = await admin.PostWithTokenAsync(page + "?handler=Default", AntiforgeryToken(shown.Html) ?? string.Empty, Fields(("DefaultMarkup", "101")));
        var salesPage = await sales.GetAsync(page + $"?reseller={CustomersFixture.AdatumId}");
        var bySales = await sales.PostWithTokenAsync(page + "?handler=Default", AntiforgeryToken(salesPage.Html) ?? string.Empty, Fields(("DefaultMarkup", "60")));
        var resellerPage = await reseller.GetAsync(page);
        var afterwards = await admin.GetAsync(page);

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        Assert.Contains("id=\"default-markup-form\"", shown.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, setDefault.Status);
        Assert.Equal(HttpStatusCode.Redirect, setAdatum.Status);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("from 0 to 100", invalid.Html, StringComparison.Ordinal);
        Assert.Equal("The markup was saved.", TextOf(afterwards.Html, "status-message"));
        Assert.Contains($"data-reseller-id=\"{CustomersFixture.AdatumId}\" data-partner-id=\"5123400\" data-markup-in-force=\"15.5\"", afterwards.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"4\"", afterwards.Html, StringComparison.Ordinal);

        // A Sales agent reads the markups and both prices (list 23.00, Adatum's 26.57) but changes nothing.
        Assert.DoesNotContain("id=\"default-markup-form\"", salesPage.Html, StringComparison.Ordinal);
        Assert.Contains("data-offer-id=\"O365-G3-GCC\" data-plan=\"P1Y:Monthly\"", salesPage.Html, StringComparison.Ordinal);
        Assert.Contains("23.00 USD", salesPage.Html, StringComparison.Ordinal);
        Assert.Contains("26.57 USD", salesPage.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, bySales.Status);

        // The reseller sees its own price, and neither markups nor list prices nor another reseller.
        Assert.Equal(HttpStatusCode.OK, resellerPage.Status);
        Assert.Null(TextOf(resellerPage.Html, "markups"));
        Assert.Contains("26.57 USD", resellerPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-markup", resellerPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("List price", resellerPage.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/prices\"", resellerPage.Html, StringComparison.Ordinal); // the navigation link

        // The catalogue page too: the reseller reads its own price, the provider the list price.
        var resellerOffers = await reseller.GetAsync($"/{OrderingFixture.Contoso}/offers");
        var salesOffers = await sales.GetAsync($"/{OrderingFixture.Contoso}/offers");
        Assert.Contains("1 year, billed monthly: your price 26.57 USD", System.Net.WebUtility.HtmlDecode(resellerOffers.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("23.00 USD", resellerOffers.Html, StringComparison.Ordinal);
        Assert.Contains("23.00 USD", salesOffers.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("your price", salesOffers.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reseller_prices_the_orders_page_shows_the_provider_both_prices_and_the_markup_and_the_reseller_its_own_price()
    {
        using var admin = await fixture.ApiAsync(OrderingFixture.Contoso, "GlobalAdmin");
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        await SetAsync(admin, new { resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)10m } } });
        var customer = await fixture.CustomerAsync(api, gcc: true, reseller: CustomersFixture.AdatumTenantId);
        var order = await OrderAsync(api, customer, Line("O365-G3-GCC", 25));
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        var provider = await sales.GetAsync($"/{OrderingFixture.Contoso}/customers/{customer}/orders");
        var own = await reseller.GetAsync($"/{OrderingFixture.Contoso}/customers/{customer}/orders");

        Assert.Contains($"data-order-id=\"{order.GetProperty("id").GetGuid()}\"", provider.Html, StringComparison.Ordinal);
        Assert.Contains("data-markup=\"10.00\"", provider.Html, StringComparison.Ordinal);
        Assert.Contains("data-reseller-price=\"25.30\"", provider.Html, StringComparison.Ordinal);
        Assert.Contains("data-list-price=\"23.00\"", provider.Html, StringComparison.Ordinal);
        Assert.Contains("Markup in force at checkout: 10 %", provider.Html, StringComparison.Ordinal);
        Assert.Contains("25.30 USD", own.Html, StringComparison.Ordinal);
        Assert.Contains("632.50 USD", own.Html, StringComparison.Ordinal); // 25 licences at 25.30, billed monthly
        Assert.DoesNotContain("data-list-price", own.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("23.00", own.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Markup", own.Html, StringComparison.Ordinal);
    }

    private static async Task SetAsync(HttpClient admin, object body)
    {
        using var response = await SendAsync(admin, HttpMethod.Put, Markups, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> OrderAsync(HttpClient api, Guid customer, params object[] lines)
    {
        var cart = await CartIdAsync(api, customer, Cart(lines));
        using var checkout = await CheckoutAsync(api, customer, cart);
        var result = await OrderingFixture.JsonAsync(checkout);
        Assert.True(checkout.StatusCode == HttpStatusCode.Created, result.ToString());
        return result.GetProperty("orders")[0];
    }
}
