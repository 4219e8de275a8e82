using System.Collections.Concurrent;
using System.Globalization;

namespace GccSaaS.BuildingBlocks.Web;

/// <summary>One choice in a picker: the code the API and the database hold, and its name in the reader's language.</summary>
public sealed record LocaleChoice(string Code, string Name);

/// <summary>
/// Countries, languages and cultures to pick from instead of typing ISO codes, named in the reader's language
/// (<see cref="CultureInfo.CurrentUICulture"/>, from the platform's ICU data) and sorted as that language sorts.
/// The same lists decide what the forms and the API accept, so a picker never offers a refused value.
/// </summary>
public static class LocaleChoices
{
    private static readonly ConcurrentDictionary<string, IReadOnlyList<LocaleChoice>> CountriesByLanguage = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<LocaleChoice>> LanguagesByLanguage = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, IReadOnlyList<LocaleChoice>> CulturesByLanguage = new(StringComparer.Ordinal);

    private static readonly CultureInfo[] SpecificCultures = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Where(c => c.Name.Length > 0 && c.Name.Contains('-', StringComparison.Ordinal))
        .ToArray();

    /// <summary>ISO 3166-1 alpha-2 codes of the countries and regions the platform knows (upper case).</summary>
    public static IReadOnlySet<string> CountryCodes { get; } = SpecificCultures
        .Select(c => RegionOf(c.Name))
        .OfType<string>()
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>ISO 639-1 codes of the languages the platform knows (lower case).</summary>
    public static IReadOnlySet<string> LanguageCodes { get; } = SpecificCultures
        .Select(c => c.TwoLetterISOLanguageName)
        .Where(code => code.Length == 2 && code.All(char.IsAsciiLetterLower))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Culture names such as en-US (language and region).</summary>
    public static IReadOnlySet<string> CultureNames { get; } = SpecificCultures
        .Where(c => RegionOf(c.Name) is not null && c.TwoLetterISOLanguageName.Length == 2 && c.Name.Length == 5)
        .Select(c => c.Name)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsCountry(string? code) => code is { Length: 2 } && CountryCodes.Contains(code.ToUpperInvariant());

    public static bool IsLanguage(string? code) => code is { Length: 2 } && LanguageCodes.Contains(code);

    public static bool IsCulture(string? name) => name is { Length: 5 } && CultureNames.Contains(name);

    /// <summary>Every country, named in the reader's language.</summary>
    public static IReadOnlyList<LocaleChoice> Countries() => CountriesByLanguage.GetOrAdd(Reader().Name, _ =>
    {
        var reader = Reader();
        return Sorted(CountryCodes.Select(code => new LocaleChoice(code, CountryName(reader, code))), reader);
    });

    /// <summary>Every language, named in the reader's language.</summary>
    public static IReadOnlyList<LocaleChoice> Languages() => LanguagesByLanguage.GetOrAdd(Reader().Name, _ =>
    {
        var reader = Reader();
        return Sorted(LanguageCodes.Select(code => new LocaleChoice(code, Named(code))), reader);
    });

    /// <summary>Every culture (language and country), named in the reader's language.</summary>
    public static IReadOnlyList<LocaleChoice> Cultures() => CulturesByLanguage.GetOrAdd(Reader().Name, _ =>
    {
        var reader = Reader();
        return Sorted(CultureNames.Select(name => new LocaleChoice(name, Named(name))), reader);
    });

    private static CultureInfo Reader() => CultureInfo.CurrentUICulture.Name.Length == 0 ? CultureInfo.GetCultureInfo("en") : CultureInfo.CurrentUICulture;

    private static string Named(string name) => CultureInfo.GetCultureInfo(name).DisplayName;

    /// <summary>ICU names a region inside a culture's display name ("Deutsch (Frankreich)"): take what is in the brackets.</summary>
    private static string CountryName(CultureInfo reader, string code)
    {
        var display = CultureInfo.GetCultureInfo(reader.TwoLetterISOLanguageName + "-" + code).DisplayName;
        var open = display.IndexOf('(', StringComparison.Ordinal);
        var close = display.LastIndexOf(')');
        return open >= 0 && close > open ? display[(open + 1)..close] : code;
    }

    private static string? RegionOf(string cultureName)
    {
        var region = cultureName[(cultureName.LastIndexOf('-') + 1)..];
        return region.Length == 2 && region.All(char.IsAsciiLetterUpper) ? region : null;
    }

    private static LocaleChoice[] Sorted(IEnumerable<LocaleChoice> choices, CultureInfo reader) =>
        choices.OrderBy(c => c.Name, StringComparer.Create(reader, ignoreCase: true)).ThenBy(c => c.Code, StringComparer.Ordinal).ToArray();
}
