using System.Globalization;

namespace GccSaaS.BuildingBlocks.Notifications;

/// <summary>
/// Composes a notification in its recipient's language: while the scope lives, localised texts, numbers and dates
/// follow the culture it is given (an unknown or empty name falls back to English). Pass the same name as the
/// notification's <c>Culture</c>, so the mail says which language it speaks.
/// </summary>
public readonly struct CultureScope : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    public CultureScope(string? culture)
    {
        _culture = CultureInfo.CurrentCulture;
        _uiCulture = CultureInfo.CurrentUICulture;
        var chosen = Find(culture);
        CultureInfo.CurrentCulture = chosen;
        CultureInfo.CurrentUICulture = chosen;
        Name = chosen.Name;
    }

    /// <summary>The culture in force inside the scope (e.g. <c>de</c>).</summary>
    public string Name { get; }

    /// <summary>The portal's languages (the host's language picker offers the same four).</summary>
    public static IReadOnlyList<string> PortalLanguages { get; } = ["en", "de", "fr", "es"];

    /// <summary>
    /// One text per portal language, each composed inside that language's scope (a notification whose recipients read
    /// it in their own language: the notification centre shows the reader's).
    /// </summary>
    public static IReadOnlyList<T> InEveryLanguage<T>(Func<string, T> compose)
    {
        ArgumentNullException.ThrowIfNull(compose);
        var texts = new List<T>(PortalLanguages.Count);
        foreach (var language in PortalLanguages)
        {
            using var scope = new CultureScope(language);
            texts.Add(compose(scope.Name));
        }

        return texts;
    }

    /// <summary>
    /// The portal language a stored culture name reads in (<c>de-DE</c> → <c>de</c>); one the portal does not speak, or
    /// none, reads in English, as resources fall back.
    /// </summary>
    public static string PortalLanguageOf(string? culture)
    {
        var name = culture?.Trim() ?? string.Empty;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        var language = dash > 0 ? name[..dash] : name;
        return PortalLanguages.FirstOrDefault(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)) ?? PortalLanguages[0];
    }

    /// <summary>The current user's language as stored with what they start (a case, an invitation): <c>de</c>, <c>en</c>…</summary>
    public static string CurrentLanguage =>
        string.IsNullOrEmpty(CultureInfo.CurrentUICulture.Name) ? "en" : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }

    private static CultureInfo Find(string? culture)
    {
        if (!string.IsNullOrWhiteSpace(culture))
        {
            try
            {
                var found = CultureInfo.GetCultureInfo(culture.Trim(), predefinedOnly: true);
                if (!string.IsNullOrEmpty(found.Name))
                {
                    return found;
                }
            }
            catch (CultureNotFoundException)
            {
            }
        }

        return CultureInfo.GetCultureInfo("en");
    }
}
