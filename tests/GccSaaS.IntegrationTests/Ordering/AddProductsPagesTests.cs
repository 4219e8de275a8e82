using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Customers;
using static GccSaaS.IntegrationTests.Infrastructure.PortalClient;
using static GccSaaS.IntegrationTests.Ordering.AddProductsPages;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// The portal's Add products flow (R-ORD-2, R-ORD-3, seed 003 step 8) against PostgreSQL: the cart page, a review that
/// runs the same pre-flight as <c>GET …/checkout/preview</c> and lists every problem at once with its fix, Buy through
/// the API's checkout (idempotent), Cancel after asking, the customer's subscriptions with their reseller of record, and
/// a reseller user who reaches its own customers only (R-CUS-3).
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class AddProductsPagesTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_ORD_3_a_sales_agent_adds_subscriptions_to_a_GCC_customer_from_its_account_page_reviews_buys_and_sees_them_with_the_reseller_of_record()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true, reseller: CustomersFixture.AdatumTenantId);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var account = await sales.GetAsync(CustomerPath(customer));
        var form = await sales.GetAsync(NewCartPath(customer));
        var review = await ReviewPathAsync(sales, customer, [("O365-G3-GCC", 25, "P1Y:Monthly"), ("EMS-E3-GCC", 10, "P1Y:Annual")]);
        var reviewed = await sales.GetAsync(review);
        var bought = await BuyAsync(sales, review);
        var list = await sales.GetAsync(bought.Location ?? string.Empty);
        var subscriptions = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/subscriptions", UriKind.Relative))).GetProperty("items");

        // The customer's account page (Customers) leads to Add products (Ordering) by its address.
        Assert.Contains($"href=\"{NewCartPath(customer)}\"", account.Html, StringComparison.Ordinal);
        Assert.Contains("data-offer-id=\"O365-G3-GCC\" data-segment=\"Government\"", form.Html, StringComparison.Ordinal);
        Assert.Equal("true", Regex.Match(form.Html, "id=\"customer-gcc\" data-gcc=\"(\\w+)\"").Groups[1].Value);
        Assert.Contains("Adatum Reseller (5123400)", form.Html, StringComparison.Ordinal); // R-ORD-4: a partnered reseller to pick
        Assert.NotNull(TextOf(reviewed.Html, "review-ready"));
        Assert.Contains("id=\"buy\"", reviewed.Html, StringComparison.Ordinal);
        Assert.Equal("Adatum Reseller, MPN ID 5123400", TextOf(reviewed.Html, "reseller-of-record"));
        Assert.Equal(HttpStatusCode.Redirect, bought.Status);
        Assert.StartsWith(CustomerPath(customer) + "/subscriptions?order=", bought.Location, StringComparison.Ordinal);
        Assert.Contains("New subscriptions, active now: 2.", TextOf(list.Html, "status-message"), StringComparison.Ordinal);
        Assert.Contains("data-offer-id=\"O365-G3-GCC\" data-reseller-partner-id=\"5123400\"", list.Html, StringComparison.Ordinal);
        Assert.Contains("data-offer-id=\"EMS-E3-GCC\" data-reseller-partner-id=\"5123400\"", list.Html, StringComparison.Ordinal);
        Assert.Equal(2, subscriptions.GetArrayLength());
        Assert.All(subscriptions.EnumerateArray(), s => Assert.Equal(OrderingFixture.AdatumPartnerId, s.GetProperty("partnerId").GetString()));
        Assert.Equal(25, subscriptions.EnumerateArray().Single(s => s.GetProperty("offerId").GetString() == "O365-G3-GCC").GetProperty("quantity").GetInt32());

        // Each row leads to the subscription's details, where it is changed.
        var g3 = subscriptions.EnumerateArray().Single(s => s.GetProperty("offerId").GetString() == "O365-G3-GCC").GetProperty("id").GetString();
        Assert.Contains($"href=\"{CustomerPath(customer)}/subscriptions/{g3}\"", list.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sales.GetAsync($"{CustomerPath(customer)}/subscriptions/{g3}")).Status);
    }

    [Fact]
    public async Task R_ORD_2_the_review_runs_the_same_preflight_as_the_API_preview_and_shows_every_problem_at_once_with_its_fix_in_the_users_language()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false, agreement: false);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var review = await ReviewPathAsync(sales, customer, [("O365-G3-GCC", 25, "P1Y:Monthly"), ("O365-E3", 20000, "P1Y:Monthly")], attested: false);
        var cart = CartOf(review);

        var german = await sales.GetAsync(review + "?culture=de");
        var preview = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}/checkout/preview", UriKind.Relative));
        var buy = await BuyAsync(sales, review);

        string[] expected = ["customer_agreement_missing", "partner_of_record_attestation_required", "customer_not_gcc_validated", "quantity_out_of_range"];
        Assert.Equal(expected, preview.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal(expected, ProblemCodes(german.Html));
        Assert.Equal("Diese Bestellung kann noch nicht gekauft werden", TextOf(german.Html, "problems-heading"));
        Assert.Contains("Office 365 G3 GCC ist ein GCC-Angebot", german.Html, StringComparison.Ordinal);
        Assert.Contains("Office 365 E3 wird in Mengen von 1 bis 10000 Lizenzen verkauft", german.Html, StringComparison.Ordinal);
        Assert.Contains("Kundenvereinbarung erfassen", german.Html, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(german.Html, "<a class=\"fix\" href=\"[^\"]+\"")); // every problem links to its fix
        Assert.Contains($"href=\"{CustomerPath(customer)}#agreements-heading\"", german.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{CustomerPath(customer)}#qualifications-heading\"", german.Html, StringComparison.Ordinal);
        Assert.Matches($"href=\"{Regex.Escape(NewCartPath(customer))}\\?cart={cart}#attestation\"", german.Html);
        Assert.Matches($"href=\"{Regex.Escape(NewCartPath(customer))}\\?cart={cart}#line-O365-E3\"", german.Html);
        Assert.DoesNotContain("id=\"buy\"", german.Html, StringComparison.Ordinal);

        // Buy is refused by the checkout itself (the first problem), and nothing is created.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, buy.Status);
        Assert.Equal(0L, await OrdersOfAsync(customer));
        Assert.Equal("Active", (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task R_ORD_2_a_fix_link_opens_the_same_cart_again_and_the_changed_cart_can_be_bought()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var review = await ReviewPathAsync(sales, customer, [("O365-E3", 20000, "P1Y:Monthly")], attested: false);
        var cart = CartOf(review);

        var again = await sales.GetAsync($"{NewCartPath(customer)}?cart={cart}");
        Assert.Equal(cart.ToString(), CartIdOf(again.Html));
        Assert.Matches("name=\"Form.Lines\\[\\d+\\].Quantity\" value=\"20000\"", again.Html);
        var token = AntiforgeryToken(again.Html) ?? string.Empty;
        var changed = await sales.PostWithTokenAsync(NewCartPath(customer) + "?handler=Review", token, Fields(
            ("Form.CartId", cart.ToString()), ("Form.Lines[0].OfferId", "O365-E3"), ("Form.Lines[0].Quantity", "200"), ("Form.Lines[0].Plan", "P1Y:Monthly"), ("Form.Attested", "true")));
        var reviewed = await sales.GetAsync(review);

        Assert.Equal(review, changed.Location); // the same cart, changed (R-PC-8: a cart's lines are replaced while it is active)
        Assert.Empty(ProblemCodes(reviewed.Html));
        Assert.Equal(HttpStatusCode.Redirect, (await BuyAsync(sales, review)).Status);
        Assert.Equal(1L, await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task R_ORD_2_Cancel_asks_first_and_then_abandons_the_whole_cart_so_nothing_can_be_bought()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var review = await ReviewPathAsync(sales, customer, [("O365-E3", 5, "P1Y:Monthly"), ("PBI-PRO", 3, "P1M:Monthly")]);
        var cart = CartOf(review);

        var asked = await sales.GetAsync(review + "?confirm=cancel");
        var statusWhileAsking = await CartStatusAsync(api, customer, cart);
        var cancelled = await sales.PostWithTokenAsync(review + "?handler=Cancel", AntiforgeryToken(asked.Html) ?? string.Empty, []);
        var list = await sales.GetAsync(cancelled.Location ?? string.Empty);
        var afterwards = await sales.GetAsync(review);
        var buy = await BuyAsync(sales, review);

        Assert.NotNull(TextOf(asked.Html, "cancel-heading"));
        Assert.Contains("id=\"confirm-cancel\"", asked.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"buy\"", asked.Html, StringComparison.Ordinal);
        Assert.Equal("Active", statusWhileAsking); // asking changed nothing
        Assert.Equal(HttpStatusCode.Redirect, cancelled.Status);
        Assert.Equal(CustomerPath(customer) + "/subscriptions", cancelled.Location);
        Assert.Equal("The cart was cancelled. Nothing was bought.", TextOf(list.Html, "status-message"));
        Assert.Equal("Abandoned", await CartStatusAsync(api, customer, cart));
        Assert.NotNull(TextOf(afterwards.Html, "cart-abandoned"));
        Assert.Equal(HttpStatusCode.Conflict, buy.Status);
        Assert.Equal(0L, await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task R_PC_8_pressing_Buy_again_or_from_another_page_places_one_order()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var review = await ReviewPathAsync(sales, customer, [("M365-E3", 3, "P1Y:Annual")]);
        var submission = Guid.NewGuid();

        var first = await BuyAsync(sales, review, submission);
        var resubmitted = await BuyAsync(sales, review, submission);
        var elsewhere = await BuyAsync(sales, review, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.Equal(first.Location, resubmitted.Location);
        Assert.Equal(first.Location, elsewhere.Location);
        Assert.Equal(1L, await OrdersOfAsync(customer));
        Assert.NotNull(TextOf((await sales.GetAsync(review)).Html, "cart-ordered"));
    }

    [Fact]
    public async Task R_ORD_3_a_reseller_agent_buys_for_its_own_validated_GCC_customer_as_reseller_of_record_and_sees_its_own_price_only()
    {
        using var admin = await fixture.ApiAsync(Contoso, "GlobalAdmin");
        using var markups = await SendAsync(admin, HttpMethod.Put, "/v1/pricing/markups",
            new { resellers = new[] { new { partnerId = OrderingFixture.AdatumPartnerId, markupPercent = (decimal?)10m } } });
        Assert.Equal(HttpStatusCode.OK, markups.StatusCode);
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        // City of Renton Water: the demo's GCC-validated customer of Adatum Reseller, its agreement recorded.
        var form = await reseller.GetAsync(NewCartPath(RentonWater));
        var review = await ReviewPathAsync(reseller, RentonWater, [("O365-G3-GCC", 25, "P1Y:Monthly")]);
        var reviewed = await reseller.GetAsync(review);
        var bought = await BuyAsync(reseller, review);
        var list = await reseller.GetAsync(CustomerPath(RentonWater) + "/subscriptions");
        var orders = await reseller.GetAsync(CustomerPath(RentonWater) + "/orders");

        Assert.Equal("5123400", Regex.Match(form.Html, "id=\"own-reseller\" data-partner-id=\"(\\d+)\"").Groups[1].Value);
        Assert.DoesNotContain("id=\"reseller-choice\"", form.Html, StringComparison.Ordinal); // a reseller buys as itself
        Assert.Contains("your price 25.30 USD", form.Html, StringComparison.Ordinal);
        Assert.Equal("Adatum Reseller, MPN ID 5123400", TextOf(reviewed.Html, "reseller-of-record"));
        Assert.Equal("25.30 USD", TextOf(reviewed.Html, "your-price-0"));
        Assert.Equal(HttpStatusCode.Redirect, bought.Status);
        Assert.Contains("data-offer-id=\"O365-G3-GCC\" data-reseller-partner-id=\"5123400\"", list.Html, StringComparison.Ordinal);
        Assert.Contains("25.30 USD", orders.Html, StringComparison.Ordinal);
        foreach (var html in new[] { form.Html, reviewed.Html, orders.Html })
        {
            // The provider sees both prices; a reseller only its own: no list price, no markup.
            Assert.DoesNotContain("list price", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("data-list-price", html, StringComparison.Ordinal);
            Assert.DoesNotContain("data-markup", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task R_CUS_3_a_reseller_user_reaches_the_ordering_pages_of_its_own_customers_only_and_another_is_not_found()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var adatums = await fixture.CustomerAsync(api, gcc: false, reseller: CustomersFixture.AdatumTenantId);
        var providers = await fixture.CustomerAsync(api, gcc: false);
        var providersCart = await CartIdAsync(api, providers, Cart([Line("O365-E3", 5)]));
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        foreach (var suffix in new[] { "/subscriptions", "/subscriptions/new", "/orders" })
        {
            Assert.Equal(HttpStatusCode.OK, (await reseller.GetAsync(CustomerPath(adatums) + suffix)).Status);
            var foreign = await reseller.GetAsync(CustomerPath(providers) + suffix);
            var missing = await reseller.GetAsync(CustomerPath(Guid.NewGuid()) + suffix);
            Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        }

        var review = await reseller.GetAsync($"{CustomerPath(providers)}/subscriptions/carts/{providersCart}");
        var token = AntiforgeryToken((await reseller.GetAsync(NewCartPath(adatums))).Html) ?? string.Empty;
        var post = await reseller.PostWithTokenAsync(NewCartPath(providers) + "?handler=Review", token, Fields(
            ("Form.CartId", Guid.NewGuid().ToString()), ("Form.Lines[0].OfferId", "O365-E3"), ("Form.Lines[0].Quantity", "5"), ("Form.Lines[0].Plan", "P1Y:Monthly"), ("Form.Attested", "true")));
        var buy = await reseller.PostWithTokenAsync($"{CustomerPath(providers)}/subscriptions/carts/{providersCart}?handler=Buy", token, Fields(("submissionId", Guid.NewGuid().ToString())));
        var cancel = await reseller.PostWithTokenAsync($"{CustomerPath(providers)}/subscriptions/carts/{providersCart}?handler=Cancel", token, []);

        Assert.Equal(HttpStatusCode.NotFound, review.Status);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(HttpStatusCode.NotFound, buy.Status);
        Assert.Equal(HttpStatusCode.NotFound, cancel.Status);
        var tenant = await fixture.TenantAsync(Contoso);
        Assert.Equal(1L, await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.carts WHERE customer_id = @c", ("c", providers)));
        Assert.Equal("Active", await CartStatusAsync(api, providers, providersCart));
        Assert.Equal(0L, await OrdersOfAsync(providers));
    }

    [Fact]
    public async Task Seed_003_step_8_the_customer_created_page_continues_to_Add_products()
    {
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var domain = CustomerApi.NewDomain("ap").Replace(".onmicrosoft.com", string.Empty, StringComparison.Ordinal);
        var form = await sales.GetAsync($"/{Contoso}/customers/new");
        var submission = Regex.Match(form.Html, "name=\"Form.SubmissionId\" value=\"([0-9a-f-]+)\"").Groups[1].Value;

        var created = await sales.PostWithTokenAsync($"/{Contoso}/customers/new?handler=Create", AntiforgeryToken(form.Html) ?? string.Empty, Fields(
            ("Form.SubmissionId", submission), ("Form.CompanyName", "Capital City Transit"), ("Form.Domain", domain),
            ("Form.AddressLine1", "1 Main St"), ("Form.City", "Capital City"), ("Form.State", "OR"), ("Form.PostalCode", "97000"), ("Form.Country", "US"),
            ("Form.FirstName", "Joe"), ("Form.LastName", "Quimby"), ("Form.Email", "it@capitalcity.example"), ("Form.Culture", "en-US"), ("Form.Language", "en"),
            ("Form.Gcc", "false")));
        var id = Regex.Match(created.Html, "id=\"customer-created\" data-customer-id=\"([0-9a-f-]+)\"").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains($"id=\"add-products\" href=\"/{Contoso}/customers/{id}/subscriptions/new\"", created.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await sales.GetAsync($"/{Contoso}/customers/{id}/subscriptions/new")).Status);
    }

    [Fact]
    public async Task R_ORD_3_R_PC_7_a_provider_credits_a_reseller_by_typed_PartnerID_and_a_reseller_without_an_active_partnership_is_refused_on_review()
    {
        using var api = await fixture.ApiAsync(Contoso);
        var own = await fixture.CustomerAsync(api, gcc: false);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");

        var unpartnered = await SubmitCartAsync(sales, own, [("O365-E3", 5, "P1Y:Monthly")], reseller: "other", otherPartnerId: OrderingFixture.ProsewarePartnerId);
        var refused = await sales.GetAsync(unpartnered.Location ?? string.Empty);
        var empty = await SubmitCartAsync(sales, own, [("O365-E3", 5, "P1Y:Monthly")], reseller: "other");
        var typed = await SubmitCartAsync(sales, own, [("O365-E3", 5, "P1Y:Monthly")], reseller: "other", otherPartnerId: OrderingFixture.AdatumPartnerId);
        var credited = await sales.GetAsync(typed.Location ?? string.Empty);

        Assert.Equal(["reseller_partnership_not_active"], ProblemCodes(refused.Html));
        Assert.Matches("#reseller\"", refused.Html);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("Enter the PartnerID of the reseller", empty.Html, StringComparison.Ordinal);
        Assert.Empty(ProblemCodes(credited.Html));
        Assert.Equal("Adatum Reseller, MPN ID 5123400", TextOf(credited.Html, "reseller-of-record"));
    }

    private static async Task<string?> CartStatusAsync(HttpClient api, Guid customer, Guid cart) =>
        (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative))).GetProperty("status").GetString();

    private async Task<long> OrdersOfAsync(Guid customer)
    {
        var tenant = await fixture.TenantAsync(Contoso);
        return await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.orders WHERE customer_id = @c", ("c", customer));
    }
}
