using System.Globalization;
using System.Text.Json;
using GccSaaS.Modules.Notifications.Contracts;
using GccSaaS.Modules.Notifications.Data;

namespace GccSaaS.Modules.Notifications.Features.NotificationCentre;

/// <summary>
/// A notification in its reader's language (issue 16 item 7): the sender's <see cref="NotificationTranslation"/>s are
/// stored with the row (culture → [subject, body]), and the centre and the API pick the one of the reader's language
/// (the request's UI culture), else the subject and body as sent.
/// </summary>
internal static class NotificationTexts
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form of the translations, cut to the column lengths; null when there are none.</summary>
    public static string? Serialize(IReadOnlyList<NotificationTranslation>? translations)
    {
        if (translations is not { Count: > 0 })
        {
            return null;
        }

        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var t in translations.Where(t => !string.IsNullOrWhiteSpace(t.Culture)))
        {
            map[t.Culture.Trim()] = [Cut(t.Subject, NotificationConfiguration.SubjectLength), Cut(t.Body, NotificationConfiguration.BodyLength)];
        }

        return map.Count == 0 ? null : JsonSerializer.Serialize(map, Json);
    }

    /// <summary>The subject and body in the reader's language (the current UI culture), else as stored.</summary>
    public static (string Subject, string Body) ForReader(string subject, string body, string? translations)
    {
        if (string.IsNullOrEmpty(translations))
        {
            return (subject, body);
        }

        Dictionary<string, string[]>? map;
        try
        {
            map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(translations, Json);
        }
        catch (JsonException)
        {
            return (subject, body);
        }

        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        foreach (var (culture, text) in map ?? [])
        {
            if (text is [var s, var b] && (string.Equals(culture, CultureInfo.CurrentUICulture.Name, StringComparison.OrdinalIgnoreCase)
                || string.Equals(culture, language, StringComparison.OrdinalIgnoreCase)))
            {
                return (s, b);
            }
        }

        return (subject, body);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
