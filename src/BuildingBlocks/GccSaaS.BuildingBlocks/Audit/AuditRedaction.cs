using System.Text.Json;
using System.Text.Json.Nodes;

namespace GccSaaS.BuildingBlocks.Audit;

/// <summary>
/// Turns a command into the JSON the audit log keeps, with secrets replaced by <see cref="Redacted"/>.
/// A property is secret when a word of its name is password, passphrase, secret, token, key or otp, or
/// when it is a one-time code (<c>Code</c>, <c>VerificationCode</c>, <c>TwoFactorCode</c>…); names that
/// only describe a secret (<c>KeyId</c>, <c>ApiKeyName</c>, <c>TokenExpiresAt</c>) are kept. The rule
/// works on any depth, so a secret inside a nested object is redacted too.
/// </summary>
public static class AuditRedaction
{
    public const string Redacted = "***";

    /// <summary>Longest string value kept; the audit log is not a blob store.</summary>
    public const int MaxStringLength = 1000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwords", "passphrase", "secret", "secrets", "token", "tokens", "key", "keys", "otp", "totp", "pin",
    };

    private static readonly HashSet<string> OneTimeCodeWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "verification", "recovery", "authenticator", "authentication", "factor", "time", "security", "confirmation", "reset",
    };

    /// <summary>Last words that name something about a secret, not the secret itself.</summary>
    private static readonly HashSet<string> DescriptiveLastWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "ids", "name", "names", "prefix", "hint", "count", "at", "expires", "expiry", "expiration", "length", "type", "kind", "status",
    };

    /// <summary>The request serialised as JSON (camelCase, like the API) with secrets redacted.</summary>
    public static string Describe(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? node;
        try
        {
            node = JsonSerializer.SerializeToNode(request, request.GetType(), Json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            // A command that cannot be serialised is still audited, by name.
            return """{"unserializable":true}""";
        }

        RedactInPlace(node);
        return node is JsonObject ? node.ToJsonString() : new JsonObject { ["value"] = node?.DeepClone() }.ToJsonString();
    }

    /// <summary>Whether a property of this name holds a secret (see the type's summary).</summary>
    public static bool IsSecret(string propertyName)
    {
        ArgumentNullException.ThrowIfNull(propertyName);
        var words = Words(propertyName);
        if (words.Count == 0 || DescriptiveLastWords.Contains(words[^1]))
        {
            return false;
        }

        if (words.Any(SecretWords.Contains))
        {
            return true;
        }

        var last = words[^1];
        return (last.Equals("code", StringComparison.OrdinalIgnoreCase) || last.Equals("codes", StringComparison.OrdinalIgnoreCase))
            && (words.Count == 1 || words.Take(words.Count - 1).Any(OneTimeCodeWords.Contains));
    }

    private static void RedactInPlace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (obj[name] is not { } child)
                    {
                        continue;
                    }

                    if (IsSecret(name))
                    {
                        obj[name] = JsonValue.Create(Redacted);
                    }
                    else if (Shorten(child) is var shortened && !ReferenceEquals(shortened, child))
                    {
                        obj[name] = shortened;
                    }
                    else
                    {
                        RedactInPlace(child);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } child)
                    {
                        continue;
                    }

                    if (Shorten(child) is var shortened && !ReferenceEquals(shortened, child))
                    {
                        array[i] = shortened;
                    }
                    else
                    {
                        RedactInPlace(child);
                    }
                }

                break;
        }
    }

    /// <summary>A long string becomes a new, shortened value; anything else stays the same node.</summary>
    private static JsonNode Shorten(JsonNode node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > MaxStringLength
            ? JsonValue.Create(text[..MaxStringLength] + "…")
            : node;

    /// <summary>Splits camelCase, PascalCase, snake_case and kebab-case names into words.</summary>
    internal static List<string> Words(string name)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '_' or '-' or '.' or ' ')
            {
                Flush();
                continue;
            }

            var boundary = char.IsUpper(c) && current.Length > 0
                && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
            if (boundary)
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
