namespace GccSaaS.BuildingBlocks.Notifications;

/// <summary>
/// A set-based sender's notification texts in every portal language (issue 16 item 7, issue 19): each distinct text,
/// named by its key (the words it is made of), is composed once per language for the whole batch, however many rows
/// share it; the rows then take theirs from here. In memory only: no row costs a round trip.
/// </summary>
/// <typeparam name="TKey">What the text is made of (e.g. the invited address and the kind of invitation).</typeparam>
/// <typeparam name="T">One text in one language (e.g. a notification's subject and body).</typeparam>
public sealed class TextsInEveryLanguage<TKey, T>(Func<TKey, string, T> compose)
    where TKey : notnull
{
    private readonly Dictionary<TKey, IReadOnlyList<T>> _composed = [];

    /// <summary>The text of <paramref name="key"/> in every portal language, in <see cref="CultureScope.PortalLanguages"/> order.</summary>
    public IReadOnlyList<T> InEveryLanguage(TKey key)
    {
        if (!_composed.TryGetValue(key, out var texts))
        {
            texts = CultureScope.InEveryLanguage(language => compose(key, language));
            _composed[key] = texts;
        }

        return texts;
    }

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="culture"/> (English when the portal does not speak it).</summary>
    public T InLanguageOf(TKey key, string? culture)
    {
        var texts = InEveryLanguage(key);
        var language = CultureScope.PortalLanguageOf(culture);
        for (var i = 0; i < texts.Count; i++)
        {
            if (CultureScope.PortalLanguages[i] == language)
            {
                return texts[i];
            }
        }

        return texts[0];
    }
}
