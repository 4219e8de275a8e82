using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GccSaaS.IntegrationTests.Security;

/// <summary>A form of a page as a browser sees it: where it posts and the fields it would send (with their current values).</summary>
public sealed record HtmlForm(string Action, IReadOnlyList<FormField> Fields, IReadOnlyList<string> ButtonActions);

/// <summary>A field: its name, the value a browser would send (null: not sent unless set, e.g. an unchecked box) and what it holds.</summary>
public sealed record FormField(string Name, string? Value, FieldType Type, bool InQuery = false);

public enum FieldType
{
    Text,
    Identifier,
    Number,
    Date,
    Boolean,
    Choice,
}

/// <summary>
/// Reads forms out of server-rendered HTML (the portal's markup is regular: tag helpers, no script-built forms), and
/// the fields a page handler binds from its compiled descriptor, so a handler whose form a page does not show
/// (a second step, a token page) is still covered.
/// </summary>
public static partial class HtmlForms
{
    public static IReadOnlyList<HtmlForm> Parse(string html)
    {
        var forms = new List<HtmlForm>();
        foreach (Match form in FormPattern().Matches(html))
        {
            var attributes = Attributes(form.Groups[1].Value);
            if (!attributes.TryGetValue("method", out var method) || !method.Equals("post", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var inner = form.Groups[2].Value;
            var fields = new List<FormField>();
            foreach (Match input in InputPattern().Matches(inner))
            {
                var a = Attributes(input.Groups[1].Value);
                if (!a.TryGetValue("name", out var name) || name == "__RequestVerificationToken")
                {
                    continue;
                }

                var type = a.TryGetValue("type", out var t) ? t.ToLowerInvariant() : "text";
                if (type is "submit" or "button" or "image" or "reset" or "file")
                {
                    continue;
                }

                var value = a.TryGetValue("value", out var v) ? v : string.Empty;
                var fieldType = type switch
                {
                    "number" => FieldType.Number,
                    "date" or "datetime-local" => FieldType.Date,
                    "checkbox" => FieldType.Boolean,
                    "radio" => FieldType.Choice,
                    _ when Guid.TryParse(value, out _) => FieldType.Identifier,
                    _ => FieldType.Text,
                };
                var sent = type is "checkbox" or "radio" && !a.ContainsKey("checked") ? null : value;
                fields.Add(new FormField(name, sent, fieldType));
            }

            foreach (Match select in SelectPattern().Matches(inner))
            {
                var a = Attributes(select.Groups[1].Value);
                if (!a.TryGetValue("name", out var name))
                {
                    continue;
                }

                var options = OptionPattern().Matches(select.Groups[2].Value).Select(o => Attributes(o.Groups[1].Value)).ToList();
                var chosen = options.FirstOrDefault(o => o.ContainsKey("selected")) ?? options.FirstOrDefault();
                fields.Add(new FormField(name, chosen?.GetValueOrDefault("value") ?? string.Empty, FieldType.Choice));
            }

            foreach (Match area in TextAreaPattern().Matches(inner))
            {
                var a = Attributes(area.Groups[1].Value);
                if (a.TryGetValue("name", out var name))
                {
                    fields.Add(new FormField(name, WebUtility.HtmlDecode(area.Groups[2].Value), FieldType.Text));
                }
            }

            var buttons = ButtonPattern().Matches(inner).Select(b => Attributes(b.Groups[1].Value))
                .Where(b => b.ContainsKey("formaction")).Select(b => b["formaction"]).ToList();
            forms.Add(new HtmlForm(attributes.GetValueOrDefault("action") ?? string.Empty, fields, buttons));
        }

        return forms;
    }

    /// <summary>The handler named in a URL's query (<c>?handler=Invite</c>), or null.</summary>
    public static string? HandlerOf(string url)
    {
        var match = HandlerPattern().Match(url);
        return match.Success ? Uri.UnescapeDataString(match.Groups[1].Value) : null;
    }

    /// <summary>The fields a handler binds (bound properties and handler parameters, complex types expanded), with their CLR types.</summary>
    public static IReadOnlyDictionary<string, Type> BoundFields(CompiledPageActionDescriptor page, PageHandler handler, IReadOnlyCollection<string> routeParameters)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(handler);
        var fields = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in page.BoundProperties)
        {
            var name = property.BindingInfo?.BinderModelName ?? property.Name;
            if (!routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Expand(name, property.ParameterType, fields, 0);
            }
        }

        foreach (var parameter in handler.Descriptor.Parameters)
        {
            var name = parameter.BindingInfo?.BinderModelName ?? parameter.Name;
            if (parameter.ParameterType != typeof(CancellationToken) && !routeParameters.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                Expand(name, parameter.ParameterType, fields, 0);
            }
        }

        return fields;
    }

    public static FieldType TypeOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(Guid) ? FieldType.Identifier
            : t == typeof(bool) ? FieldType.Boolean
            : t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) ? FieldType.Date
            : t.IsEnum ? FieldType.Choice
            : t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(double) || t == typeof(short) ? FieldType.Number
            : FieldType.Text;
    }

    private static void Expand(string name, Type type, Dictionary<string, Type> into, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (IsSimple(t) || depth > 2)
        {
            into[name] = t;
            return;
        }

        if (t.IsGenericType && t.GetGenericArguments() is [var item] && typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
        {
            into[name] = item; // a repeated field
            return;
        }

        if (t.IsArray)
        {
            into[name] = t.GetElementType() ?? typeof(string);
            return;
        }

        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            Expand(name + "." + property.Name, property.PropertyType, into, depth + 1);
        }
    }

    private static bool IsSimple(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Guid) || t == typeof(decimal)
        || t == typeof(DateOnly) || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeSpan);

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match a in AttributePattern().Matches(text))
        {
            attributes[a.Groups[1].Value] = WebUtility.HtmlDecode(a.Groups[3].Success ? a.Groups[3].Value : a.Groups[4].Success ? a.Groups[4].Value : string.Empty);
        }

        return attributes;
    }

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*?)/?>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"<option\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex(@"<button\b([^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ButtonPattern();

    [GeneratedRegex(@"([\w:-]+)(\s*=\s*(?:""([^""]*)""|'([^']*)'))?", RegexOptions.Singleline)]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"[?&]handler=([^&#]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HandlerPattern();
}
