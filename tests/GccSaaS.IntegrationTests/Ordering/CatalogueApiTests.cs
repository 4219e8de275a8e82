using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>The catalogue (issue 14): GCC and commercial offers with terms, billing cycles, list prices and seat bounds, through /v1 and the portal.</summary>
[Collection(OrderingCollection.Name)]
public sealed class CatalogueApiTests(OrderingFixture fixture)
{
    [Fact]
    public async Task The_catalogue_holds_the_GCC_family_and_its_commercial_counterparts_with_terms_prices_and_seat_bounds()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);

        var offers = (await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/offers?country=US&size=500", UriKind.Relative))).GetProperty("items").EnumerateArray().ToList();
        var byId = offers.ToDictionary(o => o.GetProperty("id").GetString() ?? string.Empty);

        foreach (var gcc in new[] { "O365-G1-GCC", "O365-G3-GCC", "O365-G5-GCC", "M365-G3-GCC", "M365-G5-GCC", "M365-F3-GCC", "D365-SALES-ENT-GCC", "EMS-E3-GCC", "EMS-E5-GCC", "PBI-PRO-GCC" })
        {
            Assert.Equal("Government", byId[gcc].GetProperty("segment").GetString());
            Assert.Equal(["GovernmentCommunityCloud"], byId[gcc].GetProperty("reselleeQualifications").EnumerateArray().Select(q => q.GetString()));
        }

        foreach (var commercial in new[] { "O365-E1", "O365-E3", "O365-E5", "M365-E3", "M365-E5", "M365-F3", "D365-SALES-ENT", "EMS-E3", "EMS-E5", "PBI-PRO" })
        {
            Assert.Equal("Commercial", byId[commercial].GetProperty("segment").GetString());
        }

        Assert.Equal(["Dynamics365", "EMS", "Microsoft365", "Office365", "PowerBI"], offers.Select(o => o.GetProperty("productFamily").GetString()).Distinct().Order(StringComparer.Ordinal));
        var g3 = byId["O365-G3-GCC"];
        Assert.Equal("Office 365 G3 GCC", g3.GetProperty("name").GetString());
        Assert.Equal(1, g3.GetProperty("minimumQuantity").GetInt32());
        Assert.Equal(10000, g3.GetProperty("maximumQuantity").GetInt32());
        Assert.True(g3.GetProperty("isAvailableForPurchase").GetBoolean());
        var prices = g3.GetProperty("prices").EnumerateArray().Select(p => (p.GetProperty("termDuration").GetString(), p.GetProperty("billingCycle").GetString(), p.GetProperty("listPrice").GetDecimal(), p.GetProperty("currencyCode").GetString())).ToList();
        Assert.Equal([("P1M", "Monthly", 27.60m, "USD"), ("P1Y", "Monthly", 23.00m, "USD"), ("P1Y", "Annual", 276.00m, "USD"), ("P3Y", "Annual", 276.00m, "USD"), ("P3Y", "Triennial", 828.00m, "USD")], prices);
        Assert.False(byId["O365-PROPLUS"].GetProperty("isAvailableForPurchase").GetBoolean());
        Assert.Equal("Offer", g3.GetProperty("attributes").GetProperty("objectType").GetString());
    }

    [Fact]
    public async Task Offers_page_with_continuation_tokens_and_filter_by_family_and_segment()
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso, "AdminAgent");
        var ids = new List<string>();
        var first = await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/offers?country=US&size=8", UriKind.Relative));
        ids.AddRange(first.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString() ?? string.Empty));
        var next = first.GetProperty("links").GetProperty("next");
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(next.GetProperty("uri").GetString() ?? string.Empty, UriKind.Relative));
            request.Headers.Add("MS-ContinuationToken", next.GetProperty("headers")[0].GetProperty("value").GetString());
            using var response = await api.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString() ?? string.Empty));
            if (!page.GetProperty("links").TryGetProperty("next", out next))
            {
                break;
            }
        }

        var gccOffice = (await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/offers?country=US&productFamily=Office365&segment=Government", UriKind.Relative))).GetProperty("items");

        Assert.Equal(21, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(["O365-G1-GCC", "O365-G3-GCC", "O365-G5-GCC"], gccOffice.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>(new Uri("/v1/offers?country=DE", UriKind.Relative))).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("/v1/offers", "country")]
    [InlineData("/v1/offers?country=USA", "country")]
    [InlineData("/v1/offers?country=US&segment=Education", "segment")]
    [InlineData("/v1/offers?country=US&productFamily=Azure", "productFamily")]
    public async Task A_list_without_a_country_or_with_an_unknown_filter_is_bad_input(string path, string field)
    {
        using var api = await fixture.ApiAsync(OrderingFixture.Contoso);

        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        var problem = await OrderingFixture.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_input", OrderingApi.Code(problem));
        Assert.Contains(problem.GetProperty("data").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Every_signed_in_member_reads_the_catalogue_page_from_the_navigation_filtered_by_family_and_segment()
    {
        using var reseller = await fixture.SignedInAsync("reseller.agent@adatum.demo");

        var home = await reseller.GetAsync($"/{OrderingFixture.Contoso}");
        var page = await reseller.GetAsync($"/{OrderingFixture.Contoso}/offers?family=Office365&segment=Government");

        Assert.Contains($"href=\"/{OrderingFixture.Contoso}/offers\"", home.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-offer-id=\"O365-G3-GCC\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-offer-id=\"O365-E3\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-offer-id=\"M365-G3-GCC\"", page.Html, StringComparison.Ordinal);
    }
}
