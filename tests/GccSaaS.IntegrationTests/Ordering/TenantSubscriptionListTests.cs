using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Ordering.Features.Orders;
using GccSaaS.Modules.Ordering.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
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

    [Fact]
    public async Task Issue16_the_list_filters_by_offer_across_pages_and_keeps_the_filter_in_its_sort_page_and_export_links()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (_, g5) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        var (_, ems) = await BuyAsync(fixture, api, "EMS-E5-GCC", 3);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var partnerId = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 26 subscriptions of each offer under a PartnerID of their own: the list filtered by it holds exactly these 52.
        var g5Copies = await SubscriptionCopies.CopyAsync(fixture.Database, tenant.Id, g5, 26, partnerId);
        var emsCopies = await SubscriptionCopies.CopyAsync(fixture.Database, tenant.Id, ems, 26, partnerId);
        using var sales = await fixture.SignedInAsync("sales.agent@contoso.demo");
        var list = $"/{OrderingFixture.Contoso}/subscriptions?reseller={partnerId}&offer=M365-G5-GCC&size=25";

        var both = await sales.GetAsync($"/{OrderingFixture.Contoso}/subscriptions?reseller={partnerId}&size=100");
        var first = await sales.GetAsync(list);
        var next = Href(first.Html, "next-page");
        Assert.NotNull(next);
        var second = await sales.GetAsync(next);
        var oldestFirst = await sales.GetAsync(SortHref(first.Html, "purchased"));

        Assert.Equal(52, SubscriptionIds(both.Html).Count);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("<label for=\"offer\">Offer</label>", first.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"M365-G5-GCC\" selected=\"selected\">", first.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"EMS-E5-GCC\">", first.Html, StringComparison.Ordinal);
        Assert.Equal(25, SubscriptionIds(first.Html).Count);
        Assert.Contains("offer=M365-G5-GCC", next, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Single(SubscriptionIds(second.Html));
        Assert.Equal(g5Copies.Order(), SubscriptionIds(first.Html).Concat(SubscriptionIds(second.Html)).Order());
        Assert.DoesNotContain("data-offer-id=\"EMS-E5-GCC\"", first.Html + second.Html, StringComparison.Ordinal);
        Assert.Empty(emsCopies.Intersect(SubscriptionIds(first.Html).Concat(SubscriptionIds(second.Html))));

        // The sort link keeps the filter: oldest first is the same 26 of the one offer, turned round.
        Assert.Contains("<option value=\"M365-G5-GCC\" selected=\"selected\">", oldestFirst.Html, StringComparison.Ordinal);
        Assert.Equal(SubscriptionIds(second.Html), SubscriptionIds(oldestFirst.Html).Take(1));
        Assert.Equal(26, SubscriptionIds((await sales.GetAsync(list.Replace("size=25", "size=50", StringComparison.Ordinal))).Html).Count);

        // The export follows the page's filter.
        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/subscriptions/export.csv?reseller={partnerId}&amp;offer=M365-G5-GCC\"", first.Html, StringComparison.Ordinal);
        var csv = await sales.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv?reseller={partnerId}&offer=M365-G5-GCC", UriKind.Relative));
        Assert.Equal(g5Copies.Order(), CsvIds(csv).Order());
    }

    [Fact]
    public async Task Issue16_R_CUS_3_a_reseller_user_filtering_by_offer_sees_only_its_own_customers_subscriptions_of_it()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (_, adatumPbi) = await BuyAsync(fixture, api, "PBI-PRO-GCC", 2, reseller: Customers.CustomersFixture.AdatumTenantId);
        var (_, adatumG5) = await BuyAsync(fixture, api, "M365-G5-GCC", 2, reseller: Customers.CustomersFixture.AdatumTenantId);
        var (_, providerPbi) = await BuyAsync(fixture, api, "PBI-PRO-GCC", 2);
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        var page = await reseller.GetAsync($"/{OrderingFixture.Contoso}/subscriptions?offer=PBI-PRO-GCC");
        var csv = await reseller.Http.GetStringAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv?offer=PBI-PRO-GCC", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(adatumPbi, SubscriptionIds(page.Html));
        Assert.DoesNotContain(adatumG5, SubscriptionIds(page.Html));
        Assert.DoesNotContain(providerPbi, SubscriptionIds(page.Html));
        Assert.DoesNotContain("data-offer-id=\"M365-G5-GCC\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(adatumPbi, CsvIds(csv));
        Assert.DoesNotContain(adatumG5, CsvIds(csv));
        Assert.DoesNotContain(providerPbi, CsvIds(csv));
    }

    [Theory]
    [InlineData("?offer=NO-SUCH-OFFER")]
    [InlineData("?offer=%3Cscript%3E")]
    [InlineData("?offer=M365-G5-GCC&offer=EMS-E5-GCC")]
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

    [Fact]
    public async Task Issue16_v1_subscriptions_filters_by_offerId_across_pages_and_keeps_the_filter_in_links_next()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);
        var (_, g5) = await BuyAsync(fixture, api, "M365-G5-GCC", 3);
        var (_, ems) = await BuyAsync(fixture, api, "EMS-E5-GCC", 3);
        var tenant = await fixture.TenantAsync(OrderingFixture.Contoso);
        var partnerId = "9" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        // 5 subscriptions of each offer under a PartnerID of their own: the list filtered by it holds exactly these 10.
        var g5Copies = await SubscriptionCopies.CopyAsync(fixture.Database, tenant.Id, g5, 5, partnerId);
        var emsCopies = await SubscriptionCopies.CopyAsync(fixture.Database, tenant.Id, ems, 5, partnerId);
        var filtered = $"/v1/subscriptions?mpn_id={partnerId}&offerId=M365-G5-GCC&size=2";

        var both = await AllAsync(api, $"/v1/subscriptions?mpn_id={partnerId}");
        var first = await api.GetFromJsonAsync<JsonElement>(new Uri(filtered, UriKind.Relative));
        var next = first.GetProperty("links").GetProperty("next");
        var g5Only = await AllAsync(api, filtered);
        var emsOnly = await AllAsync(api, $"/v1/subscriptions?offerId=EMS-E5-GCC&mpn_id={partnerId}&size=3");
        var unknown = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/subscriptions?offerId=NO-SUCH-OFFER", UriKind.Relative));

        Assert.Equal(g5Copies.Concat(emsCopies).Order(), both.Select(Id).Order());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Contains("offerId=M365-G5-GCC", next.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"mpn_id={partnerId}", next.GetProperty("uri").GetString(), StringComparison.Ordinal);
        Assert.Equal(g5Copies.Order(), g5Only.Select(Id).Order()); // three pages of 2, 2 and 1, none repeated, none of the other offer
        Assert.All(g5Only, s => Assert.Equal("M365-G5-GCC", s.GetProperty("offerId").GetString()));
        Assert.Equal(emsCopies.Order(), emsOnly.Select(Id).Order());
        Assert.Equal(0, unknown.GetProperty("totalCount").GetInt32()); // well-formed but no offer of the catalogue: nothing, not 400
        Assert.Equal(0, unknown.GetProperty("items").GetArrayLength());

        // The page token belongs to the filter it was issued for: with another offer it is refused, not reused.
        using var swapped = new HttpRequestMessage(HttpMethod.Get, new Uri(
            next.GetProperty("uri").GetString()!.Replace("offerId=M365-G5-GCC", "offerId=EMS-E5-GCC", StringComparison.Ordinal), UriKind.Relative));
        swapped.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
        using var refused = await api.SendAsync(swapped);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_continuation_token", Api.ApiCalls.ErrorName(await OrderingFixture.JsonAsync(refused)));
    }

    [Theory]
    [InlineData("?offerId=%3Cscript%3E", "invalid")]
    [InlineData("?offerId=M365-G5-GCC,EMS-E5-GCC", "invalid")]
    [InlineData("?offerId=' OR 1=1 --", "invalid")]
    [InlineData("?offerId=M365-G5-GCC-AND-A-NAME-FAR-LONGER-THAN-FORTY-CHARACTERS", "invalid")]
    [InlineData("?offerId=M365-G5-GCC&offerId=EMS-E5-GCC", "duplicate")]
    [InlineData("?offerId=M365-G5-GCC&OFFERID=M365-G5-GCC", "duplicate")]
    [InlineData("?offerId=&offerId=M365-G5-GCC", "duplicate")]
    public async Task Issue16_a_malformed_or_repeated_offerId_answers_400_invalid_input_naming_it(string query, string code)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);

        using var response = await api.GetAsync(new Uri("/v1/subscriptions" + query, UriKind.Relative));
        var problem = await OrderingFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", Api.ApiCalls.ErrorName(problem));
        var failure = Assert.Single(problem.GetProperty("data").EnumerateArray());
        Assert.Equal("offerId", failure.GetProperty("field").GetString());
        Assert.Equal(code, failure.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Issue16_R_CUS_3_v1_subscriptions_filtered_by_offerId_never_holds_another_tenants_subscriptions()
    {
        using var contoso = await fixture.ApiAsync(OrderingFixture.Contoso);
        using var fabrikam = await fixture.ApiAsync(OrderingFixture.Fabrikam, "GlobalAdmin");
        var (_, contosoPbi) = await BuyAsync(fixture, contoso, "PBI-PRO", 2, gcc: false);
        var (_, fabrikamPbi) = await BuyAsync(fixture, fabrikam, "PBI-PRO", 2, gcc: false);

        var seenByContoso = (await AllAsync(contoso, "/v1/subscriptions?offerId=PBI-PRO&size=500")).Select(Id).ToList();
        var seenByFabrikam = (await AllAsync(fabrikam, "/v1/subscriptions?offerId=PBI-PRO&size=500")).Select(Id).ToList();

        Assert.Contains(contosoPbi, seenByContoso);
        Assert.DoesNotContain(fabrikamPbi, seenByContoso);
        Assert.Contains(fabrikamPbi, seenByFabrikam);
        Assert.DoesNotContain(contosoPbi, seenByFabrikam);
    }

    [Fact]
    public async Task Issue16_the_OpenAPI_document_describes_the_offerId_filter_of_v1_subscriptions()
    {
        using var client = fixture.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));

        var parameter = document.GetProperty("paths").GetProperty("/v1/subscriptions").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "offerId");
        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.Contains("offer", parameter.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(40, parameter.GetProperty("schema").GetProperty("maxLength").GetInt32());
        Assert.True(parameter.GetProperty("schema").TryGetProperty("pattern", out _), parameter.ToString());
    }

    private static List<Guid> SubscriptionIds(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "<tr data-subscription-id=\"([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value))];

    [Theory]
    [InlineData("?offer=%3Cscript%3E")]
    [InlineData("?offer=M365-G5-GCC&offer=EMS-E5-GCC")]
    public async Task Issue16_an_offer_that_cannot_be_one_answers_400_in_the_export_too(string query)
    {
        using var admin = await fixture.SignedInAsync("admin.agent@contoso.demo");

        using var response = await admin.Http.GetAsync(new Uri($"/{OrderingFixture.Contoso}/subscriptions/export.csv{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// Issue 16: the list filtered by offer, first page and a later one, either way, is one range of the index on tenant,
    /// offer and id that stops after a page: never a scan of the tenant's subscriptions, never a sort. Asserted on
    /// PostgreSQL's plan (not a timing) of the handler's own query over 4,000 analysed subscriptions of eight offers.
    /// </summary>
    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task Issue16_the_list_filtered_by_offer_is_an_index_range_without_a_sort(bool descending, bool later)
    {
        var tenant = await fixture.Services.CreateTenantAsync("so");
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using (var fill = new NpgsqlCommand(TenantSql.SetLocalTenant(tenant.Id) + """
            INSERT INTO ordering.orders (tenant_id, id, customer_id, cart_id, request_id, status, currency_code, created_at, created_by)
            VALUES (@t, @o, @c, gen_random_uuid(), gen_random_uuid(), 'Completed', 'USD', now(), 'plan');
            INSERT INTO ordering.subscriptions (tenant_id, id, customer_id, order_id, offer_id, offer_name, product_family, segment, quantity,
                term_duration, billing_cycle, status, auto_renew_enabled, support_contact_kind, created_at, commitment_ends_at)
            SELECT @t, gen_random_uuid(), @c, @o, 'PLAN-OFFER-' || (i % 8), 'Plan offer ' || (i % 8), 'Microsoft365', 'Government', 1,
                'P1Y', 'Monthly', 'Active', true, 'Provider', now() - i * interval '1 minute', now() + interval '1 year'
              FROM generate_series(1, 4000) AS i;
            ANALYZE ordering.subscriptions;
            """, connection))
        {
            fill.Parameters.AddWithValue("t", tenant.Id);
            fill.Parameters.AddWithValue("o", Guid.CreateVersion7());
            fill.Parameters.AddWithValue("c", Guid.CreateVersion7());
            fill.CommandTimeout = 120;
            await fill.ExecuteNonQueryAsync();
        }

        var query = new ListTenantSubscriptionsQuery(
            tenant.Id, new TenantSubscriptionFilter(OfferId: "PLAN-OFFER-3"), later ? new IdCursor(Guid.Parse("80000000-0000-4000-8000-000000000000")) : null, 26, descending);
        await using var scope = fixture.Services.CreateAsyncScope();
        using var tenantScope = scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        var handler = ActivatorUtilities.CreateInstance<ListTenantSubscriptionsHandler>(scope.ServiceProvider);
        await using var product = handler.Query(query, null).CreateDbCommand();

        var text = await QueryPlans.ExplainAsync(connection, product, TenantSql.SetLocalTenant(tenant.Id));

        Assert.True(text.Contains("ix_subscriptions_tenant_id_offer_id_id", StringComparison.Ordinal), text);
        Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", text.Replace("Sort Key", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static string SortHref(string html, string key)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"data-sort-key=\"{key}\"[^>]*><a class=\"sort\" href=\"([^\"]+)\"");
        Assert.True(match.Success, "no sort link for " + key);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

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
