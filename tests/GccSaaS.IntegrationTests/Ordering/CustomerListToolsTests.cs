using System.Net;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Ordering.SubscriptionApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// Issue 16 item 8, the list tools on a customer's own Subscriptions and Orders pages
/// (<c>/{tenant}/customers/{id}/subscriptions</c> and <c>…/orders</c>): sorted by when bought either way (the index on
/// tenant, customer and id), 25/50/100 rows a page, keyset pages forwards and back whose token belongs to its customer
/// and sort; a malformed sort, size or page answers 400; a reseller user sees only its own customers' rows (R-CUS-3).
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed partial class CustomerListToolsTests(OrderingFixture fixture)
{
    [Fact]
    public async Task Issue16_a_customers_subscriptions_sort_by_purchase_either_way_and_page_forward_and_back()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, bought) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        await SubscriptionCopies.CopyAsync(fixture.Database, (await fixture.TenantAsync(OrderingFixture.Contoso)).Id, bought, 25); // 26 subscriptions of the customer
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var list = $"/{OrderingFixture.Contoso}/customers/{customer}/subscriptions";

        var first = await sales.GetAsync(list);
        var firstIds = SubscriptionIds(first.Html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(25, firstIds.Count);
        Assert.Contains("data-sort-key=\"purchased\" aria-sort=\"ascending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        Assert.Null(Href(first.Html, "previous-page"));

        var second = await sales.GetAsync(Href(first.Html, "next-page")!);
        var secondIds = SubscriptionIds(second.Html);
        Assert.Single(secondIds);
        Assert.Null(Href(second.Html, "next-page"));
        Assert.DoesNotContain(secondIds[0], firstIds);
        var back = await sales.GetAsync(Href(second.Html, "previous-page")!);
        Assert.Equal(firstIds, SubscriptionIds(back.Html));
        Assert.Null(Href(back.Html, "previous-page"));

        // Newest first is the same rows turned round; at 50 a page they are one page.
        var newest = await sales.GetAsync(list + "?sort=-purchased&size=50");
        Assert.Contains("data-sort-key=\"purchased\" aria-sort=\"descending\"", newest.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"50\"", newest.Html, StringComparison.Ordinal);
        Assert.Equal(firstIds.Concat(secondIds).Reverse(), SubscriptionIds(newest.Html));
        var newestFirstPage = await sales.GetAsync(list + "?sort=-purchased");
        Assert.Equal(firstIds.Concat(secondIds).Reverse().Take(25), SubscriptionIds(newestFirstPage.Html));
        var newestSecond = await sales.GetAsync(Href(newestFirstPage.Html, "next-page")!);
        Assert.Equal([firstIds[0]], SubscriptionIds(newestSecond.Html));
        Assert.Equal(SubscriptionIds(newestFirstPage.Html), SubscriptionIds((await sales.GetAsync(Href(newestSecond.Html, "previous-page")!)).Html));

        // A page token belongs to its customer: on another customer's page it is refused, never that customer's rows.
        var (other, _) = await BuyAsync(fixture, api, "M365-G5-GCC", 2);
        var token = Href(first.Html, "next-page")!;
        var elsewhere = await sales.GetAsync(token.Replace(customer.ToString(), other.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.Status);
    }

    [Fact]
    public async Task Issue16_a_customers_orders_sort_by_when_placed_either_way_and_page_forward_and_back()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (customer, bought) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        // 25 copies of the order (each its own cart): 26 orders of the customer.
        var copied = await fixture.CountAsync(
            tenant.Id,
            """
            WITH copies AS (
                INSERT INTO ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, reseller_organisation_id,
                    reseller_partner_id, created_at, created_by, markup_percent)
                SELECT o.tenant_id, gen_random_uuid(), o.customer_id, gen_random_uuid(), gen_random_uuid(), o.status, o.currency_code,
                    o.reseller_organisation_id, o.reseller_partner_id, o.created_at, o.created_by, o.markup_percent
                FROM ordering.orders o
                JOIN ordering.subscriptions s ON s.tenant_id = o.tenant_id AND s.order_id = o.id, generate_series(1, 25)
                WHERE s.tenant_id = @t AND s.id = @s
                RETURNING 1)
            SELECT count(*) FROM copies
            """,
            ("t", tenant.Id), ("s", bought));
        Assert.Equal(25, copied);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var list = $"/{OrderingFixture.Contoso}/customers/{customer}/orders";

        var first = await sales.GetAsync(list);
        var firstIds = OrderIds(first.Html);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(25, firstIds.Count);
        Assert.Contains("id=\"orders-order\" data-sort-key=\"placed\" data-descending=\"false\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        var second = await sales.GetAsync(Href(first.Html, "next-page")!);
        var secondIds = OrderIds(second.Html);
        Assert.Single(secondIds);
        Assert.DoesNotContain(secondIds[0], firstIds);
        Assert.Null(Href(second.Html, "next-page"));
        Assert.Equal(firstIds, OrderIds((await sales.GetAsync(Href(second.Html, "previous-page")!)).Html));

        // The order link turns the list round: newest first, the same orders reversed.
        var newest = await sales.GetAsync(Href(first.Html, "sort-placed")!);
        Assert.Contains("id=\"orders-order\" data-sort-key=\"placed\" data-descending=\"true\"", newest.Html, StringComparison.Ordinal);
        var newestIds = OrderIds(newest.Html).Concat(OrderIds((await sales.GetAsync(Href(newest.Html, "next-page")!)).Html));
        Assert.Equal(firstIds.Concat(secondIds).Reverse(), newestIds);
        Assert.Equal(firstIds.Concat(secondIds).Reverse(), OrderIds((await sales.GetAsync(list + "?sort=-placed&size=100")).Html));
    }

    [Theory]
    [InlineData("subscriptions?sort=offer")]
    [InlineData("subscriptions?sort=--purchased")]
    [InlineData("subscriptions?sort=purchased&sort=-purchased")]
    [InlineData("subscriptions?size=7")]
    [InlineData("subscriptions?page=not-a-token")]
    [InlineData("orders?sort=purchased")]
    [InlineData("orders?size=1000")]
    [InlineData("orders?page=not-a-token")]
    public async Task Issue16_a_malformed_sort_size_or_page_of_a_customers_lists_answers_400_not_500(string query)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var customer = await fixture.CustomerAsync(api, gcc: false);
        using var admin = await fixture.SignedInAsync("admin.agent@contoso.demo");

        var response = await admin.GetAsync($"/{OrderingFixture.Contoso}/customers/{customer}/{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    [Fact]
    public async Task Issue16_R_CUS_3_a_reseller_user_lists_only_its_own_customers_subscriptions_and_orders()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (adatumCustomer, adatumSubscription) = await BuyAsync(fixture, api, "M365-G5-GCC", 4, reseller: Customers.CustomersFixture.AdatumTenantId);
        var (ownCustomer, ownSubscription) = await BuyAsync(fixture, api, "M365-G5-GCC", 6);
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");
        var customers = $"/{OrderingFixture.Contoso}/customers";

        var own = await reseller.GetAsync($"{customers}/{adatumCustomer}/subscriptions?sort=-purchased");
        var ownOrders = await reseller.GetAsync($"{customers}/{adatumCustomer}/orders?sort=-placed");
        var others = await reseller.GetAsync($"{customers}/{ownCustomer}/subscriptions?sort=-purchased");
        var othersOrders = await reseller.GetAsync($"{customers}/{ownCustomer}/orders");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal([adatumSubscription], SubscriptionIds(own.Html));
        Assert.DoesNotContain(ownSubscription.ToString(), own.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ownOrders.Status);
        Assert.Single(OrderIds(ownOrders.Html));
        Assert.Equal(HttpStatusCode.NotFound, others.Status);
        Assert.DoesNotContain(ownSubscription.ToString(), others.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, othersOrders.Status);
    }

    private static List<Guid> SubscriptionIds(string html) =>
        [.. SubscriptionRow().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<Guid> OrderIds(string html) =>
        [.. OrderSection().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static string? Href(string html, string id)
    {
        var match = Regex.Match(html, $"<a id=\"{id}\"[^>]* href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("<tr data-subscription-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex SubscriptionRow();

    [GeneratedRegex("<section class=\"order\" id=\"order-[0-9a-f-]{36}\" data-order-id=\"([0-9a-f-]{36})\"")]
    private static partial Regex OrderSection();
}
