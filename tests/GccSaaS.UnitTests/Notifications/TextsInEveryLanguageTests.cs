using System.Globalization;
using GccSaaS.BuildingBlocks.Notifications;

namespace GccSaaS.UnitTests.Notifications;

/// <summary>
/// Issue 16 item 7 for set-based senders: a sweep's texts in every portal language, each distinct text composed once
/// per language for the whole batch, and each row's own language picked from them.
/// </summary>
public sealed class TextsInEveryLanguageTests
{
    [Fact]
    public void Each_distinct_text_is_composed_once_per_language_however_many_rows_share_it()
    {
        var composed = new List<(string Key, string Language)>();
        var texts = new TextsInEveryLanguage<string, string>((key, language) =>
        {
            composed.Add((key, language));
            return $"{key}:{language}:{CultureInfo.CurrentUICulture.Name}";
        });

        foreach (var row in new[] { "a", "b", "a", "a", "b" })
        {
            Assert.Equal(4, texts.InEveryLanguage(row).Count);
        }

        Assert.Equal(8, composed.Count);
        Assert.Equal(["a:en:en", "a:de:de", "a:fr:fr", "a:es:es"], texts.InEveryLanguage("a")); // composed inside each language
    }

    [Theory]
    [InlineData("de", "k:de")]
    [InlineData("de-DE", "k:de")]
    [InlineData("FR", "k:fr")]
    [InlineData("es", "k:es")]
    [InlineData("it", "k:en")]
    [InlineData("", "k:en")]
    [InlineData(null, "k:en")]
    public void A_row_takes_the_text_of_its_language_and_english_where_the_portal_does_not_speak_it(string? culture, string expected)
    {
        var texts = new TextsInEveryLanguage<string, string>((key, language) => $"{key}:{language}");

        Assert.Equal(expected, texts.InLanguageOf("k", culture));
        Assert.Equal(expected[2..], CultureScope.PortalLanguageOf(culture));
    }
}
