using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static GccSaaS.IntegrationTests.Ordering.OrderingApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Carts and checkout through /v1 against PostgreSQL (R-ORD-1..4, R-PC-3, R-PC-6..9): each rule refuses with its own
/// code and creates nothing; a valid cart becomes one order with active subscriptions; checkout is idempotent by
/// MS-RequestId and by cart.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class CheckoutApiTests(OrderingFixture fixture)
{
    [Fact]
    public async Task R_ORD_2_R_PC_8_R_PC_9_a_checkout_places_one_order_whose_subscriptions_are_active_at_once_with_the_provider_as_support_contact()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-G3-GCC", 25), Line("EMS-E3-GCC", 10, "P1Y", "Annual")]));

        using var checkout = await CheckoutAsync(api, customer, cart);
        var result = await OrderingFixture.JsonAsync(checkout);
        var orders = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/orders", UriKind.Relative))).GetProperty("items");
        var subscriptions = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/subscriptions", UriKind.Relative))).GetProperty("items");
        var cartAfter = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative));

        Assert.True(checkout.StatusCode == HttpStatusCode.Created, result.ToString());
        var order = result.GetProperty("orders")[0];
        Assert.Equal(order.GetProperty("id").GetGuid(), orders.EnumerateArray().Single().GetProperty("id").GetGuid());
        Assert.Equal(["O365-G3-GCC", "EMS-E3-GCC"], order.GetProperty("lineItems").EnumerateArray().Select(l => l.GetProperty("offerId").GetString()));
        Assert.Equal(23.00m, order.GetProperty("lineItems")[0].GetProperty("listPrice").GetDecimal());
        Assert.Equal(2, subscriptions.GetArrayLength());
        Assert.All(subscriptions.EnumerateArray(), s =>
        {
            Assert.Equal("active", s.GetProperty("status").GetString());
            Assert.Equal("Provider", s.GetProperty("supportContact").GetProperty("kind").GetString());
            Assert.True(s.GetProperty("autoRenewEnabled").GetBoolean());
        });
        Assert.Equal(25, subscriptions.EnumerateArray().Single(s => s.GetProperty("offerId").GetString() == "O365-G3-GCC").GetProperty("quantity").GetInt32());
        Assert.Equal("Ordered", cartAfter.GetProperty("status").GetString());
    }

    [Fact]
    public async Task R_ORD_4_R_CUS_3_the_reseller_of_record_is_the_customers_reseller_and_mpn_id_filters_its_subscriptions()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true, reseller: Customers.CustomersFixture.AdatumTenantId);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-G3-GCC", 25)]));

        using var checkout = await CheckoutAsync(api, customer, cart);
        var order = (await OrderingFixture.JsonAsync(checkout)).GetProperty("orders")[0];
        var adatum = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/subscriptions?mpn_id={OrderingFixture.AdatumPartnerId}", UriKind.Relative))).GetProperty("items");
        var other = (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/subscriptions?mpn_id={OrderingFixture.ProsewarePartnerId}", UriKind.Relative))).GetProperty("items");

        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        Assert.Equal(OrderingFixture.AdatumPartnerId, order.GetProperty("lineItems")[0].GetProperty("partnerIdOnRecord").GetString());
        Assert.Equal(OrderingFixture.AdatumPartnerId, adatum.EnumerateArray().Single().GetProperty("partnerId").GetString());
        Assert.Empty(other.EnumerateArray());
    }

    [Fact]
    public async Task R_ORD_1_R_VAL_8_a_GCC_offer_for_a_customer_not_validated_for_GCC_is_refused_and_nothing_is_created()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-G3-GCC", 25)]), "customer_not_gcc_validated");
    }

    [Fact]
    public async Task R_ORD_1_R_VAL_4_a_partner_without_the_GCC_qualification_cannot_sell_a_GCC_offer()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        var customer = await fixture.CustomerAsync(api, gcc: false);
        var cart = await CartIdAsync(api, customer, Cart([Line("PBI-PRO-GCC", 5)]));

        var preview = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}/checkout/preview", UriKind.Relative));

        Assert.False(preview.GetProperty("canCheckout").GetBoolean());
        Assert.Contains(preview.GetProperty("problems").EnumerateArray(), p => p.GetProperty("code").GetString() == "partner_not_gcc_qualified");
    }

    [Fact]
    public async Task R_PC_3_a_commercial_offer_for_a_GCC_customer_is_refused()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-E3", 25)]), "commercial_offer_for_gcc_customer");
    }

    [Fact]
    public async Task R_PC_6_R_CUS_4_a_purchase_without_the_customer_agreement_attestation_is_refused()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false, agreement: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-E3", 25)]), "customer_agreement_missing");
    }

    [Fact]
    public async Task R_ORD_2_R_PC_8_a_checkout_without_the_partner_of_record_attestation_is_refused()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-E3", 25)], attested: false), "partner_of_record_attestation_required");
    }

    [Theory]
    [InlineData(OrderingFixture.ContosoPartnerId, "provider_cannot_be_reseller_of_record")]
    [InlineData("9999999", "unknown_partner_id")]
    [InlineData(OrderingFixture.TailspinPartnerId, "not_indirect_reseller")]
    [InlineData(OrderingFixture.NorthwindPartnerId, "partner_agreement_not_signed")]
    [InlineData(OrderingFixture.ProsewarePartnerId, "reseller_partnership_not_active")]
    public async Task R_PC_7_the_reseller_of_record_is_a_verified_partnered_indirect_reseller_never_the_provider(string partnerId, string code)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-E3", 25)], resellerPartnerId: partnerId), code);
    }

    [Theory]
    [InlineData(10001)]
    public async Task Seats_outside_the_offers_bounds_are_refused(int quantity)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-G3-GCC", quantity)]), "quantity_out_of_range");
    }

    [Fact]
    public async Task A_retired_offer_cannot_be_bought()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-PROPLUS", 5)]), "offer_retired");
    }

    [Fact]
    public async Task A_term_the_offer_is_not_sold_with_is_refused()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        await AssertRefusedAsync(api, customer, Cart([Line("O365-E3", 5, "P1M", "Annual")]), "term_not_offered");
    }

    [Fact]
    public async Task R_PC_8_a_cart_expires_7_days_after_its_creation_and_checkout_checks_the_expiry_itself()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-E3", 5)]));
        var created = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative));

        fixture.Clock.Advance(TimeSpan.FromDays(7));
        using var checkout = await CheckoutAsync(api, customer, cart);
        using var update = await SendAsync(api, HttpMethod.Put, $"/v1/customers/{customer}/carts/{cart}", Cart([Line("O365-E3", 6)]));

        Assert.Equal(created.GetProperty("creationTimestamp").GetDateTimeOffset().AddDays(7), created.GetProperty("expirationTimestamp").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.Conflict, checkout.StatusCode);
        Assert.Equal("cart_expired", Code(await OrderingFixture.JsonAsync(checkout)));
        Assert.Equal("cart_expired", Code(await OrderingFixture.JsonAsync(update)));
        Assert.Equal(0L, await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task R_ORD_2_the_preview_shows_every_problem_at_once_and_a_cancelled_cart_is_never_ordered()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false, agreement: false);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-G3-GCC", 25), Line("O365-PROPLUS", 20000)], attested: false));

        var preview = await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}/checkout/preview", UriKind.Relative));
        using var cancel = await SendAsync(api, HttpMethod.Delete, $"/v1/customers/{customer}/carts/{cart}");
        using var checkout = await CheckoutAsync(api, customer, cart);

        Assert.Equal(
            ["customer_agreement_missing", "partner_of_record_attestation_required", "customer_not_gcc_validated", "offer_retired", "quantity_out_of_range"],
            preview.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()));
        Assert.Equal("Abandoned", (await OrderingFixture.JsonAsync(cancel)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, checkout.StatusCode);
        Assert.Equal("cart_not_active", Code(await OrderingFixture.JsonAsync(checkout)));
    }

    [Fact]
    public async Task R_PC_8_R_PC_10_retrying_a_checkout_with_the_same_MS_RequestId_answers_the_same_order()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        var cart = await CartIdAsync(api, customer, Cart([Line("M365-E3", 3)]));
        var requestId = Guid.NewGuid();

        using var first = await CheckoutAsync(api, customer, cart, requestId);
        using var retry = await CheckoutAsync(api, customer, cart, requestId);
        using var another = await CheckoutAsync(api, customer, cart);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("MS-Idempotent-Replay").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Equal(
            (await OrderingFixture.JsonAsync(first)).GetProperty("orders")[0].GetProperty("id").GetGuid(),
            (await OrderingFixture.JsonAsync(another)).GetProperty("orders")[0].GetProperty("id").GetGuid());
        Assert.Equal(1L, await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task R_PC_8_fifty_concurrent_checkouts_of_one_cart_create_exactly_one_order_whatever_their_request_ids()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: true);
        var cart = await CartIdAsync(api, customer, Cart([Line("O365-G3-GCC", 25), Line("PBI-PRO-GCC", 5)]));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => CheckoutAsync(api, customer, cart)));
        var orderIds = new HashSet<Guid>();
        foreach (var response in responses)
        {
            var json = await OrderingFixture.JsonAsync(response);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, json.ToString());
            orderIds.Add(json.GetProperty("orders")[0].GetProperty("id").GetGuid());
            response.Dispose();
        }

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(orderIds);
        Assert.Equal(1L, await OrdersOfAsync(customer));
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        Assert.Equal(2L, await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.subscriptions WHERE customer_id = @c", ("c", customer)));
    }

    [Fact]
    public async Task Another_tenants_customer_and_cart_are_not_found()
    {
        using var contoso = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var fabrikam = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        var customer = await fixture.CustomerAsync(contoso, gcc: false);
        var cart = await CartIdAsync(contoso, customer, Cart([Line("O365-E3", 5)]));

        using var read = await fabrikam.GetAsync(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative));
        using var checkout = await CheckoutAsync(fabrikam, customer, cart);
        using var create = await SendAsync(fabrikam, HttpMethod.Post, $"/v1/customers/{customer}/carts", Cart([Line("O365-E3", 5)]));
        using var subscriptions = await fabrikam.GetAsync(new Uri($"/v1/customers/{customer}/subscriptions", UriKind.Relative));

        foreach (var response in new[] { read, checkout, create, subscriptions })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("customer_not_found", Code(await OrderingFixture.JsonAsync(response)));
        }
    }

    [Fact]
    public async Task A_line_with_an_unknown_offer_or_a_bad_quantity_is_bad_input()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);

        using var unknown = await SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts", Cart([Line("NOPE", 5)]));
        using var zero = await SendAsync(api, HttpMethod.Post, $"/v1/customers/{customer}/carts", Cart([Line("O365-E3", 0, "P2Y", "Weekly")]));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains((await OrderingFixture.JsonAsync(unknown)).GetProperty("data").EnumerateArray(), d => d.GetProperty("code").GetString() == "offer_not_found");
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(3, (await OrderingFixture.JsonAsync(zero)).GetProperty("data").GetArrayLength());
    }

    private async Task AssertRefusedAsync(HttpClient api, Guid customer, object body, string code)
    {
        var cart = await CartIdAsync(api, customer, body);
        using var checkout = await CheckoutAsync(api, customer, cart);
        var problem = await OrderingFixture.JsonAsync(checkout);

        Assert.True(checkout.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
        Assert.Equal(code, Code(problem));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("description").GetString()));
        Assert.DoesNotContain("R-", problem.GetProperty("description").GetString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(0L, await OrdersOfAsync(customer));
        Assert.Equal("Active", (await api.GetFromJsonAsync<JsonElement>(new Uri($"/v1/customers/{customer}/carts/{cart}", UriKind.Relative))).GetProperty("status").GetString());
    }

    private async Task<long> OrdersOfAsync(Guid customer)
    {
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        return await fixture.CountAsync(tenant.Id, "SELECT count(*) FROM ordering.orders WHERE customer_id = @c", ("c", customer));
    }
}
