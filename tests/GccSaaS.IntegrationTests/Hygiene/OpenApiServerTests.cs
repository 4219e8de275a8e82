using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GccSaaS.IntegrationTests.Hygiene;

/// <summary>
/// Issue 18 (OpenAPI lint): with an https public address (ADR 0016) the document's one server is that address, for
/// production and public (<c>x-internal: false</c>), never the host the request named.
/// </summary>
[Collection(HygieneCollection.Name)]
public sealed class OpenApiServerTests(HygieneFixture fixture)
{
    [Fact]
    public async Task OpenApi_the_one_server_is_the_https_public_address_even_when_the_request_names_another_host()
    {
        using var client = fixture.Factory.CreateClient();
        HygieneFixture.Forge(client);

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var server = Assert.Single(document.GetProperty("servers").EnumerateArray().ToList());
        Assert.Equal(HygieneFixture.PublicBase.TrimEnd('/'), server.GetProperty("url").GetString());
        Assert.False(server.GetProperty("x-internal").GetBoolean());
        Assert.Contains("Production", server.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(HygieneFixture.Evil, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
