using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Notifications.Features.Webhooks;

namespace GccSaaS.IntegrationTests.Webhooks;

/// <summary>
/// Issue 17: the payload of every event type the product sends is published in the served OpenAPI document (one
/// component schema per type, <c>WebhookEvent_{type}</c>, and the OpenAPI 3.1 <c>webhooks</c> section), and
/// docs/webhooks.md lists exactly those types.
/// </summary>
[Collection(WebhooksCollection.Name)]
public sealed partial class WebhookSchemaTests(WebhooksFixture fixture)
{
    [Fact]
    public async Task Webhooks_every_event_type_has_its_payload_schema_in_the_served_openapi_document()
    {
        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var webhooks = document.GetProperty("webhooks");

        foreach (var type in WebhookEventTypes.All)
        {
            var name = "WebhookEvent_" + type.Name.Replace('.', '_');
            Assert.True(schemas.TryGetProperty(name, out var schema), $"No schema {name} for {type.Name}.");
            var properties = schema.GetProperty("properties");
            Assert.Equal(type.Name, properties.GetProperty("type").GetProperty("enum")[0].GetString());
            Assert.Equal(WebhookEventTypes.Version, properties.GetProperty("version").GetProperty("enum")[0].GetString());
            var data = properties.GetProperty("data");
            var fields = (data.TryGetProperty("properties", out var inline) ? inline : Resolve(schemas, data).GetProperty("properties"))
                .EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            var expected = type.DataType.GetConstructors().Single().GetParameters().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name ?? string.Empty));
            Assert.All(expected, field => Assert.Contains(field, fields));
            Assert.Equal("#/components/schemas/" + name,
                webhooks.GetProperty(type.Name).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
        }
    }

    [Fact]
    public void Webhooks_docs_list_exactly_the_event_types_the_product_sends()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryPaths.Root(), "docs", "webhooks.md"));
        var section = doc[doc.IndexOf("## Events and payloads", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => EventType().Matches(line.Split('|')[1]).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.Equal(documented.Count, documented.Distinct().Count());
        Assert.Equal(WebhookEventTypes.All.Select(t => t.Name).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static JsonElement Resolve(JsonElement schemas, JsonElement reference) =>
        schemas.GetProperty(reference.GetProperty("$ref").GetString()?.Split('/')[^1] ?? string.Empty);

    [GeneratedRegex(@"`([a-z_]+\.[a-z_]+)`")]
    private static partial Regex EventType();
}
