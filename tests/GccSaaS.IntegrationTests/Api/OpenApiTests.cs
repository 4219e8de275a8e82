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

    [Fact]
    public async Task The_document_declares_the_gates_limits_and_the_rate_limit_headers_from_the_same_constants()
    {
        var document = await DocumentAsync();

        var widgets = document.GetProperty("paths").GetProperty(ApiHarness.Widgets);
        foreach (var operation in new[] { widgets.GetProperty("post"), widgets.GetProperty("get") })
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out _));
            Assert.True(responses.TryGetProperty("401", out _));
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '2' or '4'))
            {
                var headers = response.Value.GetProperty("headers");
                Assert.All(new[] { ApiHeaders.RateLimitLimit, ApiHeaders.RateLimitRemaining, ApiHeaders.RateLimitReset },
                    name => Assert.True(headers.TryGetProperty(name, out _), $"{response.Name} does not declare {name}."));
            }
        }

        var size = widgets.GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "size");
        Assert.Equal(ContinuationPage<object>.MaxSize, size.GetProperty("schema").GetProperty("maximum").GetInt32());
        var server = document.GetProperty("servers").EnumerateArray().Single();
        Assert.False(server.GetProperty("url").GetString()?.StartsWith("http:", StringComparison.Ordinal));
        Assert.True(server.TryGetProperty("x-internal", out _));

        var unbounded = new List<string>();
        Walk(document, "$", (path, schema) =>
        {
            var type = schema.GetProperty("type");
            List<string?> types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
            var bounded = schema.TryGetProperty("enum", out _) || schema.TryGetProperty("const", out _);
            if (types.Contains("string") && !bounded
                && !(schema.TryGetProperty("maxLength", out var max) && max.GetInt32() <= InputLimits.MaxTextLength))
            {
                unbounded.Add(path);
            }

            if (types.Contains("array") && !(schema.TryGetProperty("maxItems", out var items) && items.GetInt32() <= InputLimits.MaxArrayItems))
            {
                unbounded.Add(path);
            }

            if (types.Contains("integer") && !(schema.TryGetProperty("minimum", out _) && schema.TryGetProperty("maximum", out _)))
            {
                unbounded.Add(path);
            }
        });
        Assert.Empty(unbounded);
    }

    /// <summary>Every object that has a <c>type</c> (a schema), wherever it is in the document.</summary>
    private static void Walk(JsonElement element, string path, Action<string, JsonElement> visit)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.ValueKind is JsonValueKind.String or JsonValueKind.Array)
            {
                visit(path, element);
            }

            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, path + "." + property.Name, visit);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, $"{path}[{i++}]", visit);
            }
        }
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
