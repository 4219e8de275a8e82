using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>One malformed request body: a name (<c>billingProfile.email: NUL</c>), its kind (the cause it tests) and its content.</summary>
public sealed record HostileCase(string Name, string Kind, Func<HttpContent?> Content)
{
    /// <summary>Set for a body sent over a bare socket (see <see cref="RawHttp"/>): its length and writer.</summary>
    public (long Length, Func<Stream, CancellationToken, Task> Write)? Streamed { get; init; }
}

/// <summary>
/// The battery of malformed bodies for one <c>/v1</c> write route, generated from its OpenAPI request schema and a
/// valid base body: whole-body breakage, wrong media types and encodings, size limits, and per property wrong JSON
/// types, bad GUIDs, dates and enums, control characters, invalid UTF-8, lone surrogates and oversized strings.
/// </summary>
public static class HostileBodies
{
    public const int OneMegabyte = 1024 * 1024;
    public const int OverJsonLimit = 70 * 1024;   // over the 64 KB JSON body limit of issue 10
    public const long Huge = 31L * 1024 * 1024;   // over Kestrel's 30,000,000-byte default

    private const string Json = "application/json";

    public static IReadOnlyList<HostileCase> For(BodySchema schema, Func<JsonNode?> baseBody)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(baseBody);
        var cases = new List<HostileCase>();
        byte[] BaseBytes() => RawJson.Render(baseBody());

        // A body-less request is the normal request of a route that takes no body (or an optional one).
        if (schema.HasBody && schema.Required)
        {
            cases.Add(Case("empty body", "empty body", () => Bytes([], Json)));
        }

        cases.Add(Case("broken JSON: {", "broken JSON", () => Text("{", Json)));
        cases.Add(Case("broken JSON: {\"a\":", "broken JSON", () => Text("{\"a\":", Json)));
        cases.Add(Case("broken JSON: trailing garbage", "broken JSON", () => Bytes([.. BaseBytes(), .. " garbage"u8], Json)));
        cases.Add(Case("bare string", "wrong root type", () => Text("\"text\"", Json)));
        if (schema.HasBody && schema.Required && schema.Root?.Nullable != true)
        {
            cases.Add(Case("null", "wrong root type", () => Text("null", Json)));
        }

        cases.Add(Case("array instead of object", "wrong root type", () => Bytes([.. "["u8, .. BaseBytes(), .. "]"u8], Json)));
        cases.Add(Case("invalid UTF-8 in a property name", "invalid UTF-8 in a property name", () => Bytes(CorruptFirstName(baseBody()), Json)));
        cases.Add(Case("duplicate keys", "duplicate keys", () => Bytes(DuplicateFirstKey(baseBody()), Json)));
        cases.Add(Case("body over 64 KB", "body over 64 KB", () => Bytes(Padded(BaseBytes(), OverJsonLimit), Json)));
        cases.Add(Case("31 MB body (streamed)", "31 MB body", () => null) with { Streamed = (Huge, (stream, token) => HugeJson.WriteAsync(stream, Huge, token)) });
        cases.Add(Case("Content-Type text/plain", "wrong content type", () => Bytes(BaseBytes(), "text/plain")));
        cases.Add(Case("Content-Type application/xml", "wrong content type", () => Text("<?xml version=\"1.0\"?><request><name>x</name></request>", "application/xml")));
        cases.Add(Case("Content-Type multipart/form-data", "wrong content type", () =>
        {
            var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };
            return form;
        }));
        cases.Add(Case("no Content-Type", "wrong content type", () => Bytes(BaseBytes(), null)));
        cases.Add(Case("Content-Type application/json; charset=utf-16 (UTF-16 body)", "wrong content type", () =>
        {
            var content = new ByteArrayContent(Encoding.Unicode.GetBytes(baseBody()?.ToJsonString(RawJson.Options) ?? "null"));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");
            return content;
        }));
        cases.Add(Case("Content-Encoding: gzip on a plain body", "gzip on a plain body", () =>
        {
            var content = Bytes(BaseBytes(), Json);
            content.Headers.ContentEncoding.Add("gzip");
            return content;
        }));

        if (schema.Root is { Kind: "object" } root)
        {
            foreach (var (path, node) in root.PropertyPaths())
            {
                cases.AddRange(PropertyCases(path, node, baseBody));
                for (var round = 2; round <= SoakSize.Rounds; round++)
                {
                    cases.AddRange(SoakCases(path, node, baseBody, round));
                }
            }
        }

        return cases;
    }

    private static IEnumerable<HostileCase> PropertyCases(string[] path, SchemaNode node, Func<JsonNode?> baseBody)
    {
        var name = string.Join('.', path);
        HostileCase With(string label, string kind, Func<JsonNode?> value) =>
            Case($"{name}: {label}", kind, () => Bytes(RawJson.Render(Replace(baseBody(), path, value())), Json));
        HostileCase WithRaw(string label, string kind, byte[] raw, bool inArray) =>
            Case($"{name}: {label}", kind, () => Bytes(
                RawJson.Render(Replace(baseBody(), path, inArray ? new JsonArray(JsonValue.Create(RawJson.Marker(0))) : JsonValue.Create(RawJson.Marker(0))), raw), Json));

        switch (node.Kind)
        {
            case "string":
                yield return With("number where a string belongs", "wrong JSON type", () => JsonValue.Create(5));
                yield return With("object where a string belongs", "wrong JSON type", () => new JsonObject());
                yield return With("array where a string belongs", "wrong JSON type", () => new JsonArray());
                yield return With(node.IsGuid ? "boolean where a GUID belongs" : "boolean where a string belongs", "wrong JSON type", () => JsonValue.Create(true));
                break;
            case "boolean":
                yield return With("string where a boolean belongs", "wrong JSON type", () => JsonValue.Create("yes"));
                yield return With("number where a boolean belongs", "wrong JSON type", () => JsonValue.Create(5));
                yield return With("object where a boolean belongs", "wrong JSON type", () => new JsonObject());
                break;
            case "integer":
            case "number":
                yield return With("string where a number belongs", "wrong JSON type", () => JsonValue.Create("abc"));
                yield return With("boolean where a number belongs", "wrong JSON type", () => JsonValue.Create(true));
                yield return With("object where a number belongs", "wrong JSON type", () => new JsonObject());
                if (node.Kind == "integer")
                {
                    yield return With("fraction where an integer belongs", "wrong JSON type", () => JsonValue.Create(1.5));
                    yield return With("integer overflow", "wrong JSON type", () => JsonNode.Parse("99999999999999999999999"));
                }

                break;
            case "object":
                yield return With("number where an object belongs", "wrong JSON type", () => JsonValue.Create(5));
                yield return With("string where an object belongs", "wrong JSON type", () => JsonValue.Create("x"));
                yield return With("array where an object belongs", "wrong JSON type", () => new JsonArray());
                break;
            case "array":
                yield return With("string where an array belongs", "wrong JSON type", () => JsonValue.Create("x"));
                yield return With("object where an array belongs", "wrong JSON type", () => new JsonObject());
                if (node.Items?.Kind == "string")
                {
                    yield return With("number as an array item", "wrong JSON type", () => new JsonArray(JsonValue.Create(5)));
                }

                break;
        }

        if (node.IsGuid)
        {
            yield return With("not a GUID", "GUID that is not a GUID", () => JsonValue.Create("not-a-guid"));
        }

        if (node.IsDate)
        {
            yield return With("not a date", "date that is not a date", () => JsonValue.Create("not-a-date"));
            yield return With("impossible date", "date that is not a date", () => JsonValue.Create("2026-02-30T00:00:00Z"));
        }

        if (node.Enum is { Count: > 0 })
        {
            yield return With("unknown enum value", "unknown enum value", () => JsonValue.Create("NoSuchValue"));
        }

        var isText = node.Kind == "string";
        var isTextArray = node.Kind == "array" && node.Items?.Kind == "string";
        if (isText || isTextArray)
        {
            var suffix = isTextArray ? " (array item)" : string.Empty;
            JsonNode? Wrap(string text) => isTextArray ? new JsonArray(JsonValue.Create(text)) : JsonValue.Create(text);
            yield return With("NUL character" + suffix, "NUL or control character", () => Wrap("a\u0000b"));
            yield return With("control characters" + suffix, "NUL or control character", () => Wrap("a\u0007\u001b\u0008b"));
            yield return WithRaw("invalid UTF-8 bytes" + suffix, "invalid UTF-8 in a string", [.. "\"a"u8, 0xFF, 0xFE, .. "b\""u8], isTextArray);
            yield return WithRaw("lone surrogate escape \\ud800" + suffix, "lone surrogate", [.. "\"a\\ud800b\""u8], isTextArray);
            yield return With("1 MB string" + suffix, "1 MB string", () => Wrap(new string('a', OneMegabyte)));
        }
    }

    /// <summary>
    /// Soak rounds (<see cref="SoakSize"/>): random text with a control character, invalid UTF-8 bytes or a lone
    /// surrogate at a random place, and a random value of the wrong JSON type. Each is a value no field accepts.
    /// </summary>
    private static IEnumerable<HostileCase> SoakCases(string[] path, SchemaNode node, Func<JsonNode?> baseBody, int round)
    {
        var name = string.Join('.', path);
        var random = SoakSize.RandomFor(name, round);
        HostileCase With(string label, string kind, JsonNode? value) =>
            Case($"{name}: {label} (soak round {round})", kind, () => Bytes(RawJson.Render(Replace(baseBody(), path, value?.DeepClone())), Json));
        var isTextArray = node.Kind == "array" && node.Items?.Kind == "string";
        if (node.Kind == "string" || isTextArray)
        {
            JsonNode? Wrap(string text) => isTextArray ? new JsonArray(JsonValue.Create(text)) : JsonValue.Create(text);
            var control = SoakSize.Insert(random, SoakSize.Text(random), SoakSize.ControlCharacter(random).ToString());
            yield return With("random text with a control character", "NUL or control character", Wrap(control));

            // Invalid UTF-8 and lone surrogates cannot live in a .NET string: written as raw bytes into the body.
            var around = SoakSize.Text(random, 40).Replace(" ", string.Empty, StringComparison.Ordinal);
            byte[][] invalid = [[0xFF], [0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]];
            var bytes = invalid[random.Next(invalid.Length)];
            var cut = random.Next(around.Length + 1);
            byte[] raw = [.. "\""u8, .. System.Text.Encoding.UTF8.GetBytes(around[..cut]), .. bytes, .. System.Text.Encoding.UTF8.GetBytes(around[cut..]), .. "\""u8];
            yield return Case($"{name}: random invalid UTF-8 (soak round {round})", "invalid UTF-8 in a string", () => Bytes(
                RawJson.Render(Replace(baseBody(), path, isTextArray ? new JsonArray(JsonValue.Create(RawJson.Marker(0))) : JsonValue.Create(RawJson.Marker(0))), raw), Json));
            var surrogate = "\\u" + random.Next(0xD800, 0xE000).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
            byte[] lone = [.. "\""u8, .. System.Text.Encoding.UTF8.GetBytes(around[..cut] + surrogate + around[cut..]), .. "\""u8];
            yield return Case($"{name}: random lone surrogate (soak round {round})", "lone surrogate", () => Bytes(
                RawJson.Render(Replace(baseBody(), path, isTextArray ? new JsonArray(JsonValue.Create(RawJson.Marker(0))) : JsonValue.Create(RawJson.Marker(0))), lone), Json));
        }

        JsonNode wrong = node.Kind switch
        {
            "string" => random.Next(2) == 0 ? JsonValue.Create(random.Next()) : new JsonObject { ["k"] = SoakSize.Text(random, 20) },
            "boolean" => random.Next(2) == 0 ? JsonValue.Create(random.Next(2, int.MaxValue)) : JsonValue.Create(SoakSize.Text(random, 20)),
            "integer" or "number" => random.Next(2) == 0 ? JsonValue.Create(SoakSize.Text(random, 20) + "x") : new JsonArray(JsonValue.Create(random.Next())),
            _ => JsonValue.Create(random.NextDouble() * 1e6),
        };
        yield return With("random value of the wrong JSON type", "wrong JSON type", wrong);
    }

    private static HostileCase Case(string name, string kind, Func<HttpContent?> content) => new(name, kind, content);

    private static ByteArrayContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static ByteArrayContent Text(string text, string contentType) => Bytes(Encoding.UTF8.GetBytes(text), contentType);

    private static JsonObject Replace(JsonNode? body, string[] path, JsonNode? value)
    {
        var root = body as JsonObject ?? [];
        RawJson.Set(root, path, value);
        return root;
    }

    /// <summary>The first property's name with bytes that are not UTF-8 in its middle (a name no client can have sent validly).</summary>
    private static byte[] CorruptFirstName(JsonNode? body)
    {
        if (body is JsonObject { Count: > 0 } obj)
        {
            var name = obj.First().Key;
            var bytes = RawJson.Render(obj);
            return RawJson.Replace(bytes, Encoding.UTF8.GetBytes("\"" + name + "\":"), [.. "\""u8, .. Encoding.UTF8.GetBytes(name[..1]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(name[1..]), .. "\":"u8]);
        }

        return [.. "{\"a"u8, 0xFF, .. "\":1}"u8];
    }

    /// <summary>The first property given twice, the second time with another value.</summary>
    private static byte[] DuplicateFirstKey(JsonNode? body)
    {
        if (body is JsonObject { Count: > 0 } obj)
        {
            var (name, value) = obj.First();
            var other = value is JsonValue v && v.TryGetValue<string>(out var s) ? JsonValue.Create(s + "-other") : (JsonNode?)null;
            var text = RawJson.Render(obj);
            var duplicate = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(name) + ":" + (other?.ToJsonString() ?? "null") + ",");
            return [text[0], .. duplicate, .. text.AsSpan(1)];
        }

        return "{\"a\":1,\"a\":2}"u8.ToArray();
    }

    /// <summary>Valid JSON over <paramref name="size"/> bytes: whitespace after the opening brace.</summary>
    private static byte[] Padded(byte[] body, int size)
    {
        if (body.Length > 0 && body[0] == (byte)'{')
        {
            var padding = new byte[size];
            Array.Fill(padding, (byte)' ');
            return [body[0], .. padding, .. body.AsSpan(1)];
        }

        return body;
    }
}

/// <summary><c>{"padding":"aaaa…"}</c> of a given length, written in chunks as it is sent (never held in memory).</summary>
public static class HugeJson
{
    public static async Task WriteAsync(Stream stream, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = "{\"padding\":\""u8.ToArray();
        var tail = "\"}"u8.ToArray();
        await stream.WriteAsync(head, cancellationToken);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'a');
        var remaining = length - head.Length - tail.Length;
        while (remaining > 0)
        {
            var n = (int)Math.Min(chunk.Length, remaining);
            await stream.WriteAsync(chunk.AsMemory(0, n), cancellationToken);
            remaining -= n;
        }

        await stream.WriteAsync(tail, cancellationToken);
    }
}
