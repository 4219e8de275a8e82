using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.IntegrationTests.Infrastructure;
using static GccSaaS.IntegrationTests.Ordering.SubscriptionApi;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>
/// The provider-wide subscriptions list (<c>GET /v1/subscriptions</c>, <c>/{tenant}/subscriptions</c> and its CSV export):
/// filtered by reseller, offer family and status, keyset-paged; a reseller user sees its own customers' only (R-CUS-3).
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class TenantSubscriptionListTests(OrderingFixture fixture)
{
    [Fact]
    public async Task The_provider_wide_list_filters_by_reseller_family_and_status_and_pages_by_continuation_token()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (adatumCustomer, adatumG3) = await BuyAsync(fixture, api, reseller: Customers.CustomersFixture.AdatumTenantId);
        var adatumPbi = await BuyForAsync(api, adatumCustomer, "PBI-PRO-GCC", 3);
        var (ownCustomer, own) = await BuyAsync(fixture, api, "EMS-E5-GCC", 7);
        using (var cancel = await ChangeAsync(api, ownCustomer, own, new { status = "deleted" }))
        {
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        }

        var adatum = await AllAsync(api, $"/v1/subscriptions?mpn_id={OrderingFixture.AdatumPartnerId}&size=2");
        var adatumPowerBi = await AllAsync(api, $"/v1/subscriptions?mpn_id={OrderingFixture.AdatumPartnerId}&productFamily=PowerBI");
        var withoutReseller = await AllAsync(api, "/v1/subscriptions?mpn_id=none&status=Deleted");
        using var bad = await api.GetAsync(new Uri("/v1/subscriptions?productFamily=Azure&status=paused", UriKind.Relative));

        Assert.Contains(adatumG3, adatum.Select(Id));
        Assert.Contains(adatumPbi, adatum.Select(Id));
        Assert.All(adatum, s => Assert.Equal(OrderingFixture.AdatumPartnerId, s.GetProperty("partnerId").GetString()));
        Assert.Equal(adatum.Select(Id).Distinct().Count(), adatum.Count); // no page repeats a row
        Assert.Equal(adatumCustomer, adatum.Single(s => Id(s) == adatumG3).GetProperty("customerId").GetGuid());
        Assert.Equal("City of Springfield", adatum.Single(s => Id(s) == adatumG3).GetProperty("customerName").GetString());
        Assert.Equal([adatumPbi], adatumPowerBi.Select(Id).Where(id => id == adatumPbi || id == adatumG3));
        Assert.All(adatumPowerBi, s => Assert.Equal("PowerBI", s.GetProperty("productFamily").GetString()));
        Assert.Contains(own, withoutReseller.Select(Id));
        Assert.All(withoutReseller, s =>
        {
            Assert.Equal("deleted", s.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, s.GetProperty("partnerId").ValueKind);
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["productFamily", "status"], (await OrderingFixture.JsonAsync(bad)).GetProperty("data").EnumerateArray().Select(d => d.GetProperty("field").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_list_exports_to_CSV_with_the_pages_filters_and_a_reseller_user_sees_only_its_own_customers_subscriptions()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (adatumCustomer, adatumSubscription) = await BuyAsync(fixture, api, "M365-G5-GCC", 4, reseller: Customers.CustomersFixture.AdatumTenantId);
        var (_, providerOwn) = await BuyAsync(fixture, api, "M365-G5-GCC", 6);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");
        using var proseware = await fixture.SignedInAsync("reseller.admin@proseware.demo");
        var base_ = $"/{OrderingFixture.Contoso}/subscriptions";

        var page = await sales.GetAsync($"{base_}?family=Microsoft365");
        using var csv = await sales.Http.GetAsync(new Uri($"{base_}/export.csv?family=Microsoft365&reseller={OrderingFixture.AdatumPartnerId}", UriKind.Relative));
        var text = await csv.Content.ReadAsStringAsync();
        var resellerPage = await reseller.GetAsync(base_ + "?family=Microsoft365");
        var resellerCsv = await reseller.Http.GetStringAsync(new Uri($"{base_}/export.csv?family=Microsoft365", UriKind.Relative));
        var prosewarePage = await proseware.GetAsync(base_);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"data-subscription-id=\"{adatumSubscription}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"data-subscription-id=\"{providerOwn}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/customers/{adatumCustomer}/subscriptions/{adatumSubscription}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/contoso-distribution/subscriptions/export.csv?family=Microsoft365\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("text/csv", csv.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.ToString() ?? csv.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(EnglishHeader, lines[0]);
        Assert.Contains(lines, l => l.StartsWith(adatumSubscription + ",", StringComparison.Ordinal) && l.Contains(",M365-G5-GCC,", StringComparison.Ordinal) && l.Contains(",4,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith(providerOwn + ",", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains("," + OrderingFixture.AdatumPartnerId + ",", l, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, resellerPage.Status);
        Assert.Contains($"data-subscription-id=\"{adatumSubscription}\"", resellerPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-subscription-id=\"{providerOwn}\"", resellerPage.Html, StringComparison.Ordinal);
        Assert.Contains(adatumSubscription.ToString(), resellerCsv, StringComparison.Ordinal);
        Assert.DoesNotContain(providerOwn.ToString(), resellerCsv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, prosewarePage.Status);
        Assert.DoesNotContain("data-subscription-id=", prosewarePage.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue16_R_CUS_3_the_subscriptions_export_is_in_the_readers_language_and_holds_no_other_tenants_subscriptions()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (_, contosoSubscription) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        using var german = await fixture.SignedInAsync("sales.agent@contoso.demo");
        german.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        using var multi = await fixture.SignedInAsync("multi@gccsaas.demo"); // Global admin of fabrikam-cloud

        var english = (await sales.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv", UriKind.Relative))).TrimStart('\uFEFF');
        var deutsch = (await german.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv", UriKind.Relative))).TrimStart('\uFEFF');
        using var fabrikam = await multi.Http.GetAsync(new Uri($"/{OrderingFixture.Fabrikam}/subscriptions/export.csv", UriKind.Relative));
        var fabrikamText = (await fabrikam.Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        Assert.StartsWith(EnglishHeader + "\r\n", english, StringComparison.Ordinal);
        var row = english.Split("\r\n").Single(l => l.StartsWith(contosoSubscription + ",", StringComparison.Ordinal));
        Assert.Contains(",M365-G5-GCC,", row, StringComparison.Ordinal);
        Assert.Contains(",Microsoft 365,", row, StringComparison.Ordinal);
        Assert.Contains(",Active,", row, StringComparison.Ordinal);
        Assert.StartsWith(
            "Abonnement-ID,Kunden-ID,Kunde,Angebots-ID,Angebot,Produktfamilie,Segment,Lizenzen,Laufzeit,Abrechnungszyklus,Status,Automatische Verlängerung,Wiederverkäufer (PartnerID),Gekauft,Laufzeitende\r\n",
            deutsch,
            StringComparison.Ordinal);
        Assert.Contains(contosoSubscription.ToString(), deutsch, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fabrikam.StatusCode);
        Assert.StartsWith(EnglishHeader, fabrikamText, StringComparison.Ordinal);
        Assert.DoesNotContain(contosoSubscription.ToString(), fabrikamText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_subscriptions_page_is_in_the_navigation_in_every_language()
    {
        using var admin = await fixture.SignedInAsync("admin.agent@contoso.demo");

        var home = await admin.GetAsync($"/{OrderingFixture.Contoso}");
        var german = await admin.GetAsync($"/{OrderingFixture.Contoso}/subscriptions?culture=de&ui-culture=de");
        var french = await admin.GetAsync($"/{OrderingFixture.Contoso}/subscriptions?culture=fr&ui-culture=fr");
        var spanish = await admin.GetAsync($"/{OrderingFixture.Contoso}/subscriptions?culture=es&ui-culture=es");

        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/subscriptions\"", home.Html, StringComparison.Ordinal);
        Assert.Equal("Abonnements", PortalClient.TextOf(german.Html, "subscriptions-title"));
        Assert.Contains("Wiederverkäufer (PartnerID)", System.Net.WebUtility.HtmlDecode(german.Html), StringComparison.Ordinal);
        Assert.Equal("Abonnements", PortalClient.TextOf(french.Html, "subscriptions-title"));
        Assert.Equal("Suscripciones", PortalClient.TextOf(spanish.Html, "subscriptions-title"));
    }

    [Fact]
    public async Task Issue16_the_provider_wide_list_pages_newest_first_forward_and_back_with_its_filter_and_sorts_by_purchase()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (_, bought) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var partnerId = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 26 copies of the subscription under a reseller PartnerID of their own: the list filtered by it is exactly them.
        await SubscriptionCopies.CopyAsync(fixture.Database, tenant.Id, bought, 26, partnerId);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var list = $"/{OrderingFixture.Contoso}/subscriptions?reseller={partnerId}";

        var oldestFirst = await sales.GetAsync(list + "&sort=purchased");
        var all = SubscriptionIds(oldestFirst.Html);
        Assert.Equal(26, all.Count); // 50 a page unless asked
        Assert.Contains("data-sort-key=\"purchased\" aria-sort=\"ascending\"", oldestFirst.Html, StringComparison.Ordinal);

        var first = await sales.GetAsync(list + "&size=25");
        Assert.Contains("data-sort-key=\"purchased\" aria-sort=\"descending\"", first.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"page-size\" data-size=\"25\"", first.Html, StringComparison.Ordinal);
        Assert.Equal(all.AsEnumerable().Reverse().Take(25), SubscriptionIds(first.Html));
        var next = Href(first.Html, "next-page")!;
        Assert.Contains($"reseller={partnerId}", next, StringComparison.Ordinal);
        var second = await sales.GetAsync(next);
        Assert.Equal([all[0]], SubscriptionIds(second.Html));
        Assert.Null(Href(second.Html, "next-page"));
        Assert.Equal(SubscriptionIds(first.Html), SubscriptionIds((await sales.GetAsync(Href(second.Html, "previous-page")!)).Html));

        // A page token belongs to its filter.
        Assert.Equal(HttpStatusCode.BadRequest, (await sales.GetAsync(next.Replace($"reseller={partnerId}", "reseller=none", StringComparison.Ordinal))).Status);

        // The export follows the page: its filter and its order (newest first unless asked); it links so.
        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/subscriptions/export.csv?reseller={partnerId}&amp;sort=purchased\"", oldestFirst.Html, StringComparison.Ordinal);
        var csv = await sales.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv?reseller={partnerId}", UriKind.Relative));
        var csvOldestFirst = await sales.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv?reseller={partnerId}&sort=purchased", UriKind.Relative));
        Assert.Equal(all.AsEnumerable().Reverse(), CsvIds(csv));
        Assert.Equal(all, CsvIds(csvOldestFirst));
        using var badSort = await sales.Http.GetAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv?sort=customer", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
    }

    [Theory]
    [InlineData("?sort=customer")]
    [InlineData("?sort=-purchased&sort=purchased")]
    [InlineData("?size=7")]
    [InlineData("?page=not-a-token")]
    public async Task Issue16_a_malformed_sort_size_or_page_of_the_subscriptions_list_answers_400_not_500(string query)
    {
        using var admin = await fixture.SignedInAsync("admin.agent@contoso.demo");

        var response = await admin.GetAsync($"/{OrderingFixture.Contoso}/subscriptions{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }

    private static List<Guid> SubscriptionIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr data-subscription-id=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<Guid> CsvIds(string csv) =>
        [.. csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => Guid.Parse(l[..36]))];

    private static string? Href(string html, string id)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<a id=\"{id}\" href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private const string EnglishHeader =
        "Subscription ID,Customer ID,Customer,Offer ID,Offer,Product family,Segment,Licenses,Term,Billing cycle,Status,Auto-renew,Reseller (PartnerID),Purchased,Term ends";

    private static Guid Id(JsonElement s) => s.GetProperty("id").GetGuid();

    /// <summary>Every item of a list, following links.next with its continuation token.</summary>
    private static async Task<List<JsonElement>> AllAsync(HttpClient api, string first)
    {
        var items = new List<JsonElement>();
        var page = await api.GetFromJsonAsync<JsonElement>(new Uri(first, UriKind.Relative));
        while (true)
        {
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (!page.GetProperty("links").TryGetProperty("next", out var next))
            {
                return items;
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString()!, UriKind.Relative));
            request.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
            using var response = await api.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
