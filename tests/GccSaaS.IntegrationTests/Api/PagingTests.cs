using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api.Harness;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>Continuation-token paging over a real table, in Partner Center's collection shape (R-PC-10).</summary>
[Collection(ApiCollection.Name)]
public sealed class PagingTests(ApiFixture fixture)
{
    [Fact]
    public async Task Following_links_next_walks_the_whole_list_once_in_order_and_the_last_page_has_no_next()
    {
        var tenant = await fixture.CreateTenantAsync();
        var created = await CreateWidgetsAsync(tenant, "w", 7);
        using var client = fixture.ClientFor(tenant);

        var first = await GetAsync(client, ApiHarness.Widgets + "?size=3");
        var second = await FollowAsync(client, first);
        var third = await FollowAsync(client, second);

        Assert.Equal(3, first.GetProperty("totalCount").GetInt32());
        Assert.Equal("Collection", first.GetProperty("attributes").GetProperty("objectType").GetString());
        var next = first.GetProperty("links").GetProperty("next");
        Assert.Equal("GET", next.GetProperty("method").GetString());
        Assert.Equal(ApiHarness.Widgets + "?size=3&seekOperation=Next", next.GetProperty("uri").GetString());
        Assert.Equal(ApiHeaders.ContinuationToken, next.GetProperty("headers")[0].GetProperty("key").GetString());
        Assert.Equal(3, second.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, third.GetProperty("totalCount").GetInt32());
        Assert.False(third.GetProperty("links").TryGetProperty("next", out _));
        Assert.Equal(created, Ids(first).Concat(Ids(second)).Concat(Ids(third)).ToList());
    }

    [Fact]
    public async Task A_page_that_ends_the_list_exactly_announces_no_next_page()
    {
        var tenant = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(tenant, "w", 4);
        using var client = fixture.ClientFor(tenant);

        var page = await GetAsync(client, ApiHarness.Widgets + "?size=4");

        Assert.Equal(4, page.GetProperty("totalCount").GetInt32());
        Assert.False(page.GetProperty("links").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task The_token_is_also_accepted_as_a_query_parameter_and_keeps_the_filter()
    {
        var tenant = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(tenant, "apple", 3);
        await CreateWidgetsAsync(tenant, "banana", 3);
        using var client = fixture.ClientFor(tenant);

        var first = await GetAsync(client, ApiHarness.Widgets + "?prefix=apple&size=2");
        var next = first.GetProperty("links").GetProperty("next");
        var token = next.GetProperty("headers")[0].GetProperty("value").GetString()!;
        var uri = next.GetProperty("uri").GetString()!;
        var second = await GetAsync(client, uri + "&continuationToken=" + Uri.EscapeDataString(token));

        Assert.Equal(ApiHarness.Widgets + "?prefix=apple&size=2&seekOperation=Next", uri);
        Assert.Single(second.GetProperty("items").EnumerateArray());
        Assert.All(Names(first).Concat(Names(second)), name => Assert.StartsWith("apple", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tampered_token_is_refused_with_400_invalid_continuation_token()
    {
        var tenant = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(tenant, "w", 3);
        using var client = fixture.ClientFor(tenant);
        var token = TokenOf(await GetAsync(client, ApiHarness.Widgets + "?size=1"));
        var characters = token.ToCharArray();
        characters[10] = characters[10] == 'A' ? 'B' : 'A';
        var tampered = new string(characters);

        using var response = await SendWithTokenAsync(client, ApiHarness.Widgets + "?size=1&seekOperation=Next", tampered);

        await response.AssertProblemAsync(400, ContinuationPaging.InvalidTokenCode);
    }

    [Fact]
    public async Task A_token_from_another_tenant_or_another_filter_is_refused()
    {
        var a = await fixture.CreateTenantAsync();
        var b = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(a, "x", 3);
        await CreateWidgetsAsync(b, "x", 3);
        using var clientA = fixture.ClientFor(a);
        using var clientB = fixture.ClientFor(b);
        var tokenOfA = TokenOf(await GetAsync(clientA, ApiHarness.Widgets + "?prefix=x&size=1"));

        using var otherTenant = await SendWithTokenAsync(clientB, ApiHarness.Widgets + "?prefix=x&size=1&seekOperation=Next", tokenOfA);
        using var otherFilter = await SendWithTokenAsync(clientA, ApiHarness.Widgets + "?prefix=y&size=1&seekOperation=Next", tokenOfA);
        using var sameList = await SendWithTokenAsync(clientA, ApiHarness.Widgets + "?prefix=x&size=1&seekOperation=Next", tokenOfA);

        await otherTenant.AssertProblemAsync(400, ContinuationPaging.InvalidTokenCode);
        await otherFilter.AssertProblemAsync(400, ContinuationPaging.InvalidTokenCode);
        Assert.Equal(HttpStatusCode.OK, sameList.StatusCode);
    }

    [Theory]
    [InlineData("size=-1")]
    [InlineData("size=501")]
    [InlineData("size=ten")]
    [InlineData("seekOperation=Previous")]
    public async Task Paging_parameters_out_of_range_are_refused_with_400_invalid_input(string query)
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.GetAsync(ApiHarness.Widgets + "?" + query);

        var problem = await response.AssertProblemAsync(400, "invalid_input");
        Assert.Equal(JsonValueKind.Array, problem.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Seek_next_without_a_token_is_refused()
    {
        var tenant = await fixture.CreateTenantAsync();
        using var client = fixture.ClientFor(tenant);

        using var response = await client.GetAsync(ApiHarness.Widgets + "?seekOperation=Next");

        await response.AssertProblemAsync(400, ContinuationPaging.InvalidTokenCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?size=0")] // Partner Center's own examples send size=0 for the default page
    public async Task Without_size_or_with_size_0_a_page_holds_at_most_100_items(string query)
    {
        var tenant = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(tenant, "many", 101);
        using var client = fixture.ClientFor(tenant);

        var page = await GetAsync(client, ApiHarness.Widgets + query);

        Assert.Equal(100, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(ApiHarness.Widgets + "?size=100&seekOperation=Next", page.GetProperty("links").GetProperty("next").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task R_PC_10_the_next_pages_token_is_also_the_collections_top_level_continuationToken_and_absent_on_the_last_page()
    {
        var tenant = await fixture.CreateTenantAsync();
        await CreateWidgetsAsync(tenant, "top", 3);
        using var client = fixture.ClientFor(tenant);

        var first = await GetAsync(client, ApiHarness.Widgets + "?prefix=top&size=2");
        var token = first.GetProperty("continuationToken").GetString();
        using var next = await SendWithTokenAsync(client, ApiHarness.Widgets + "?prefix=top&size=2&seekOperation=Next", token ?? string.Empty);
        var last = await next.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(TokenOf(first), token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(1, last.GetProperty("totalCount").GetInt32());
        Assert.False(last.TryGetProperty("continuationToken", out _));
    }

    private async Task<List<Guid>> CreateWidgetsAsync(TenantInfo tenant, string prefix, int count)
    {
        using var client = fixture.ClientFor(tenant);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsJsonAsync(ApiHarness.Widgets, new WidgetRequest($"{prefix}-{i}"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<WidgetResponse>())!.Id);
        }

        return ids;
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string uri)
    {
        using var response = await client.GetAsync(uri);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Follows links.next the way a Partner Center SDK does: its URI, method and headers.</summary>
    private static async Task<JsonElement> FollowAsync(HttpClient client, JsonElement page)
    {
        var next = page.GetProperty("links").GetProperty("next");
        using var request = new HttpRequestMessage(new HttpMethod(next.GetProperty("method").GetString()!), next.GetProperty("uri").GetString());
        foreach (var header in next.GetProperty("headers").EnumerateArray())
        {
            request.Headers.Add(header.GetProperty("key").GetString()!, header.GetProperty("value").GetString());
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> SendWithTokenAsync(HttpClient client, string uri, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add(ApiHeaders.ContinuationToken, token);
        return client.SendAsync(request);
    }

    private static string TokenOf(JsonElement page) =>
        page.GetProperty("links").GetProperty("next").GetProperty("headers")[0].GetProperty("value").GetString()!;

    private static IEnumerable<Guid> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid());

    private static IEnumerable<string> Names(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!);
}
