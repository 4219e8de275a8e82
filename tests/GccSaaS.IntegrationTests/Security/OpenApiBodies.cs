using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>
/// What the served OpenAPI document (<c>/openapi/v1.json</c>) says about each operation's request body: whether
/// there is one, whether it is required, and the schema of its properties (types, formats, enums), with
/// <c>$ref</c> and nullable <c>oneOf</c> resolved.
/// </summary>
public sealed class OpenApiBodies(JsonElement document)
{
    public static async Task<OpenApiBodies> LoadAsync(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return new OpenApiBodies(json.RootElement.Clone());
    }

    /// <summary>True when the document describes the operation at all (every /v1 route should be).</summary>
    public bool Describes(ApiRoute route) => Operation(route) is not null;

    public BodySchema BodyOf(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (Operation(route) is not { } operation || !operation.TryGetProperty("requestBody", out var body)
            || !body.TryGetProperty("content", out var content))
        {
            return new BodySchema(false, false, null);
        }

        var required = body.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.True;
        foreach (var media in content.EnumerateObject())
        {
            if (media.Value.TryGetProperty("schema", out var schema))
            {
                return new BodySchema(true, required, Node(schema, 0));
            }
        }

        return new BodySchema(true, required, null);
    }

    private JsonElement? Operation(ApiRoute route)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(route.Pattern, @"\{([^}:?]+)(:[^}?]+)?\??\}", "{$1}");
        if (!document.TryGetProperty("paths", out var paths))
        {
            return null;
        }

        foreach (var candidate in paths.EnumerateObject())
        {
            if (string.Equals(candidate.Name.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase)
                && candidate.Value.TryGetProperty(route.Method.ToLowerInvariant(), out var operation))
            {
                return operation;
            }
        }

        return null;
    }

    private SchemaNode Node(JsonElement schema, int depth)
    {
        var nullable = false;
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var reference) && depth < 6)
            {
                schema = Resolve(reference.GetString() ?? string.Empty);
                depth++;
                continue;
            }

            if ((schema.TryGetProperty("oneOf", out var one) || schema.TryGetProperty("anyOf", out one)) && one.ValueKind == JsonValueKind.Array)
            {
                var options = one.EnumerateArray().ToList();
                nullable |= options.Any(IsNullType);
                var real = options.Where(o => !IsNullType(o)).ToList();
                if (real.Count >= 1)
                {
                    schema = real[0];
                    continue;
                }
            }

            break;
        }

        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString() ?? string.Empty);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Select(t => t.GetString() ?? string.Empty));
            }
        }

        nullable |= types.Remove("null");
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        var kind = types.Contains("integer") ? "integer" : types.FirstOrDefault() ?? (schema.TryGetProperty("properties", out _) ? "object" : "unknown");
        List<string>? enumValues = schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array
            ? [.. e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty)]
            : null;
        var properties = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var props) && depth < 6)
        {
            foreach (var property in props.EnumerateObject())
            {
                properties[property.Name] = Node(property.Value, depth + 1);
            }
        }

        var items = schema.TryGetProperty("items", out var i) && depth < 6 ? Node(i, depth + 1) : null;
        return new SchemaNode(kind, format, enumValues, nullable, properties, items);
    }

    private static bool IsNullType(JsonElement option) =>
        option.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null";

    private JsonElement Resolve(string reference)
    {
        var current = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
        {
            current = current.GetProperty(part);
        }

        return current;
    }
}

/// <summary>An operation's request body: present or not, required or optional, and its schema.</summary>
public sealed record BodySchema(bool HasBody, bool Required, SchemaNode? Root);

/// <summary>One node of a JSON schema, reduced to what hostile inputs need.</summary>
public sealed record SchemaNode(string Kind, string? Format, IReadOnlyList<string>? Enum, bool Nullable, IReadOnlyDictionary<string, SchemaNode> Properties, SchemaNode? Items)
{
    public bool IsGuid => Kind == "string" && Format == "uuid";

    public bool IsDate => Kind == "string" && Format is "date-time" or "date";

    /// <summary>A value of the right type and format (not necessarily one the business rules accept).</summary>
    public JsonNode? Sample() => Kind switch
    {
        "object" => new JsonObject(Properties.Select(p => KeyValuePair.Create(p.Key, p.Value.Sample()))),
        "array" => Items is null ? new JsonArray() : new JsonArray(Items.Sample()),
        "boolean" => JsonValue.Create(false),
        "integer" => JsonValue.Create(1),
        "number" => JsonValue.Create(1.5),
        "string" when Enum is { Count: > 0 } => JsonValue.Create(Enum[0]),
        "string" when IsGuid => JsonValue.Create(Guid.NewGuid().ToString()),
        "string" when Format == "date-time" => JsonValue.Create(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture)),
        "string" when Format == "date" => JsonValue.Create("2026-11-20"),
        "string" => JsonValue.Create("probe"),
        _ => JsonValue.Create("probe"),
    };

    /// <summary>Every property path below this node, objects included (e.g. <c>billingProfile</c>, <c>billingProfile.email</c>).</summary>
    public IEnumerable<(string[] Path, SchemaNode Node)> PropertyPaths(string[]? prefix = null)
    {
        foreach (var (name, node) in Properties)
        {
            string[] path = [.. prefix ?? [], name];
            yield return (path, node);
            foreach (var inner in node.PropertyPaths(path))
            {
                yield return inner;
            }
        }
    }
}

/// <summary>
/// Renders JSON with raw byte sequences spliced in where no serializer would write them (invalid UTF-8, lone
/// surrogate escapes): a string value <c>@@RAW0@@</c> (quotes included) is replaced by the bytes given for it.
/// </summary>
public static class RawJson
{
    public static string Marker(int index) => $"@@RAW{index}@@";

    public static byte[] Render(JsonNode? node, params byte[][] raw)
    {
        var text = node is null ? "null" : node.ToJsonString(Options);
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < raw.Length; i++)
        {
            bytes = Replace(bytes, Encoding.UTF8.GetBytes("\"" + Marker(i) + "\""), raw[i]);
        }

        return bytes;
    }

    /// <summary>Replaces the first occurrence of <paramref name="find"/> (a property name or value, quotes included).</summary>
    public static byte[] Replace(byte[] source, byte[] find, byte[] with)
    {
        ArgumentNullException.ThrowIfNull(source);
        var at = source.AsSpan().IndexOf(find);
        return at < 0 ? source : [.. source.AsSpan(0, at), .. with, .. source.AsSpan(at + find.Length)];
    }

    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>Sets the value at a property path, creating objects on the way.</summary>
    public static void Set(JsonObject root, IReadOnlyList<string> path, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        var current = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (current[path[i]] is not JsonObject next)
            {
                next = [];
                current[path[i]] = next;
            }

            current = next;
        }

        current[path[^1]] = value;
    }
}
