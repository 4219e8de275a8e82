using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>A refused input: the stable code, the field it concerns (a JSON path such as <c>billingProfile.email</c>) and why.</summary>
public sealed record InputFailure(string Code, string? Field, string Description)
{
    /// <summary>The problem's <c>data</c>: the field, its code and the message, as validation failures are answered.</summary>
    public IReadOnlyList<FieldProblem>? ProblemData => Field is null ? null : [new FieldProblem(Field, Code, Description)];
}

/// <summary>One entry of a problem's <c>data</c>.</summary>
public sealed record FieldProblem(string Field, string Code, string Message);

/// <summary>
/// Reads a request body once, before any binding, and refuses it whole unless it is strictly valid UTF-8 JSON:
/// well-formed, no duplicate keys (a client must not be able to send a field twice and have one copy win; names
/// compare as the serializer binds them, ignoring case), and
/// every property name and string value valid text within <see cref="InputLimits.MaxTextLength"/>, every array at
/// most <see cref="InputLimits.MaxArrayItems"/> items. The
/// serializer alone would drop a property whose name is not valid UTF-8 and bind the rest.
/// </summary>
public static class JsonBodyValidator
{
    private const int MaxDepth = 32;

    public static InputFailure? Validate(ReadOnlySpan<byte> body)
    {
        if (!Utf8.IsValid(body))
        {
            return new InputFailure("invalid_json", null, "The body is not valid UTF-8.");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var path = new Stack<Frame>();
        var root = true;
        try
        {
            while (reader.Read())
            {
                if (root && reader.TokenType != JsonTokenType.StartObject)
                {
                    // Every resource is an object; a route that takes no body must not act on a string or an array either.
                    return new InputFailure("invalid_json", null, "The body must be a JSON object.");
                }

                root = false;

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        if (MarkValue(path) is { } manyObjects)
                        {
                            return manyObjects;
                        }

                        path.Push(Frame.Object());
                        break;
                    case JsonTokenType.StartArray:
                        if (MarkValue(path) is { } manyArrays)
                        {
                            return manyArrays;
                        }

                        path.Push(Frame.Array());
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Pop();
                        break;
                    case JsonTokenType.PropertyName:
                        {
                            var name = ReadText(ref reader, path, out var failure);
                            if (failure is not null)
                            {
                                return failure;
                            }

                            // A property name only ever follows the start of an object.
                            var frame = path.Peek();
                            frame.Property = name;
                            if (frame.Names is { } names && !names.Add(name))
                            {
                                return new InputFailure("invalid_json", PathOf(path), $"The property \"{Shown(name)}\" appears twice.");
                            }

                            break;
                        }

                    case JsonTokenType.String:
                        {
                            if (MarkValue(path) is { } manyTexts)
                            {
                                return manyTexts;
                            }

                            _ = ReadText(ref reader, path, out var failure);
                            if (failure is not null)
                            {
                                return failure;
                            }

                            break;
                        }

                    default:
                        if (MarkValue(path) is { } manyValues)
                        {
                            return manyValues;
                        }

                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            var position = (exception.BytePositionInLine ?? 0) + 1;
            return new InputFailure(
                "invalid_json",
                null,
                string.Create(CultureInfo.InvariantCulture, $"The body is not valid JSON (line {line}, position {position})."));
        }

        return null;
    }

    private static string ReadText(ref Utf8JsonReader reader, Stack<Frame> path, out InputFailure? failure)
    {
        string text;
        try
        {
            text = reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            // An escape such as \ud800 that names half a character.
            failure = new InputFailure("invalid_field", PathOf(path), "A text is not valid Unicode.");
            return string.Empty;
        }

        var problem = TextInput.Check(text);
        failure = problem switch
        {
            TextProblem.None => null,
            TextProblem.TooLong => new InputFailure(
                TextInput.Code(problem),
                PathOf(path),
                string.Create(CultureInfo.InvariantCulture, $"A text may have at most {InputLimits.MaxTextLength} characters.")),
            TextProblem.ControlCharacter => new InputFailure(TextInput.Code(problem), PathOf(path), "A text contains a control character (such as NUL)."),
            _ => new InputFailure(TextInput.Code(problem), PathOf(path), "A text is not valid Unicode."),
        };
        return text;
    }

    /// <summary>Counts a value of the enclosing array; a failure once it holds more than <see cref="InputLimits.MaxArrayItems"/>.</summary>
    private static InputFailure? MarkValue(Stack<Frame> path)
    {
        if (path.TryPeek(out var frame) && frame.Names is null && ++frame.Index > InputLimits.MaxArrayItems)
        {
            return new InputFailure(
                "too_many_items",
                PathOf(path),
                string.Create(CultureInfo.InvariantCulture, $"A list may have at most {InputLimits.MaxArrayItems} items."));
        }

        return null;
    }

    /// <summary>The field a failure concerns, as a client names it: <c>items[2].name</c>; null for the body itself.</summary>
    private static string? PathOf(Stack<Frame> path)
    {
        var builder = new StringBuilder();
        foreach (var frame in path.Reverse())
        {
            if (frame.Names is null)
            {
                builder.Append(CultureInfo.InvariantCulture, $"[{Math.Max(frame.Index - 1, 0)}]");
            }
            else if (frame.Property is { } property)
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(Shown(property));
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>A name as it can be echoed safely: control characters and overlong names are not repeated back.</summary>
    private static string Shown(string name) =>
        TextInput.Check(name, 100) == TextProblem.None ? name : "(unreadable)";

    private sealed class Frame
    {
        public HashSet<string>? Names { get; private init; }

        public string? Property { get; set; }

        public int Index { get; set; }

        public static Frame Object() => new() { Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) };

        public static Frame Array() => new();
    }
}
