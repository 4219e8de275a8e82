using System.Net;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.IntegrationTests.Api.Harness;

namespace GccSaaS.IntegrationTests.Api;

/// <summary>/openapi/v1.json documents the /v1 operations with the conventions API users must know.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    [Fact]
    public async Task The_document_declares_the_api_key_bearer_scheme_for_every_operation()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains(document.GetProperty("security").EnumerateArray(), r => r.TryGetProperty("ApiKey", out _));
    }

    [Fact]
    public async Task Writes_document_MS_RequestId_and_MS_CorrelationId_and_the_idempotency_answers()
    {
        var document = await DocumentAsync();

        var post = document.GetProperty("paths").GetProperty(ApiHarness.Widgets).GetProperty("post");
        var headers = HeaderParameters(post);
        Assert.Contains(ApiHeaders.RequestId, headers);
        Assert.Contains(ApiHeaders.CorrelationId, headers);
        var responses = post.GetProperty("responses");
        Assert.True(responses.TryGetProperty("400", out _));
        Assert.True(responses.TryGetProperty("409", out _));
        Assert.False(responses.TryGetProperty("422", out _)); // issue 13: /v1 never answers 422
        Assert.True(responses.GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _));
    }

    [Fact]
    public async Task Lists_document_size_seek_operation_and_the_continuation_token()
    {
        var document = await DocumentAsync();

        var get = document.GetProperty("paths").GetProperty(ApiHarness.Widgets).GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray()
            .Select(p => $"{p.GetProperty("in").GetString()}:{p.GetProperty("name").GetString()}")
            .ToList();
        Assert.Contains("query:size", parameters);
        Assert.Contains("query:seekOperation", parameters);
        Assert.Contains("header:" + ApiHeaders.ContinuationToken, parameters);
        Assert.Contains("header:" + ApiHeaders.CorrelationId, parameters);
        Assert.DoesNotContain("header:" + ApiHeaders.RequestId, parameters);
        Assert.DoesNotContain(parameters, p => p.EndsWith(":page", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = fixture.ClientFor(null);
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static List<string?> HeaderParameters(JsonElement operation) =>
        operation.GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "header")
            .Select(p => p.GetProperty("name").GetString())
            .ToList();
}
