using System.Text.RegularExpressions;
using System.Xml.Linq;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Shell;

/// <summary>
/// Every text of every module speaks the glossary's words (docs/glossary.md): German from the seeds' own pages
/// ("Wiederverkäufer", "Partnerschaft anfordern", "Prüfprotokoll"), French and Spanish likewise, and no text is English
/// left untranslated. The rules are read from the glossary itself, so the page and the check cannot drift apart.
/// </summary>
public sealed partial class GlossaryTests
{
    private static readonly string[] Languages = ["de", "fr", "es"];
    private static readonly Dictionary<string, string> LanguageColumns = new(StringComparer.Ordinal) { ["Deutsch"] = "de", ["Français"] = "fr", ["Español"] = "es" };

    /// <summary>Every resource of every module (and the shell) has each text in the language, none empty, none extra.</summary>
    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Every_text_of_every_module_exists_in_the_language(string language)
    {
        var problems = new List<string>();
        var files = ResourceFiles().ToList();
        Assert.Contains(files, f => f.EndsWith("OrderingResource.resx", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("SharedResource.resx", StringComparison.Ordinal));
        foreach (var english in files)
        {
            var translatedFile = english[..^".resx".Length] + $".{language}.resx";
            if (!File.Exists(translatedFile))
            {
                problems.Add($"{Path.GetFileName(translatedFile)} is missing");
                continue;
            }

            var source = Read(english);
            var translated = Read(translatedFile);
            problems.AddRange(source.Keys.Except(translated.Keys).Select(k => $"{Path.GetFileName(translatedFile)}: {k} is missing"));
            problems.AddRange(translated.Keys.Except(source.Keys).Select(k => $"{Path.GetFileName(translatedFile)}: {k} is not in English"));
            problems.AddRange(translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => $"{Path.GetFileName(translatedFile)}: {t.Key} is empty"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void Every_text_uses_the_glossarys_words(string language)
    {
        var glossary = Glossary.Read();
        var problems = new List<string>();
        foreach (var (file, key, english, translated) in Texts(language))
        {
            var englishWords = glossary.WithoutNames(english);
            foreach (var (word, stems) in glossary.CheckedWords)
            {
                if (Regex.IsMatch(englishWords, $@"\b{Regex.Escape(word)}", RegexOptions.IgnoreCase)
                    && !stems[language].Any(stem => translated.Contains(stem, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{file} {key}: \"{english}\" says '{word}' but \"{translated}\" has none of {string.Join(", ", stems[language])}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void No_text_uses_a_word_the_glossary_rules_out(string language)
    {
        var glossary = Glossary.Read();
        var problems = new List<string>();
        foreach (var (file, key, _, translated) in Texts(language))
        {
            foreach (var avoid in glossary.Avoid.Where(a => a.Language == language))
            {
                var text = avoid.Except.Aggregate(translated, (t, allowed) => t.Replace(allowed, string.Empty, StringComparison.Ordinal));
                if (Regex.IsMatch(text, $@"(?<![\p{{L}}]){Regex.Escape(avoid.Word)}", RegexOptions.IgnoreCase))
                {
                    problems.Add($"{file} {key}: \"{translated}\" says '{avoid.Word}'; the glossary says '{avoid.Instead}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("es")]
    public void No_text_is_english_left_untranslated(string language)
    {
        var glossary = Glossary.Read();
        var same = glossary.SameWords[language];
        var untranslated = Texts(language)
            .Where(t => t.Translated == t.English
                && EnglishWord().IsMatch(glossary.WithoutNames(t.English))
                && !same.Contains(t.English.Trim()))
            .Select(t => $"{t.File} {t.Key}: \"{t.English}\"")
            .ToList();

        Assert.True(untranslated.Count == 0, string.Join(Environment.NewLine, untranslated));
    }

    [Fact]
    public void The_glossary_names_the_seeds_words()
    {
        var glossary = Glossary.Read();

        Assert.Contains("wiederverkäufer", glossary.CheckedWords["reseller"]["de"]);
        Assert.Contains("revendeu", glossary.CheckedWords["reseller"]["fr"]);
        Assert.Contains("revendedor", glossary.CheckedWords["reseller"]["es"]);
        Assert.Contains(glossary.Avoid, a => a is { Language: "de", Word: "Reseller" });
        Assert.Contains("PartnerID", glossary.Names);
    }

    /// <summary>Every (file, key, English, translation) of the language, from every resource file under src.</summary>
    private static IEnumerable<(string File, string Key, string English, string Translated)> Texts(string language)
    {
        foreach (var english in ResourceFiles())
        {
            var translatedFile = english[..^".resx".Length] + $".{language}.resx";
            if (!File.Exists(translatedFile))
            {
                continue; // a missing language file is each module's texts test's finding
            }

            var translations = Read(translatedFile);
            foreach (var (key, text) in Read(english))
            {
                if (translations.TryGetValue(key, out var translated))
                {
                    yield return (Path.GetFileName(translatedFile), key, text, translated);
                }
            }
        }
    }

    /// <summary>The English (neutral) resource files under src.</summary>
    private static IEnumerable<string> ResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root(), "src"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !Languages.Any(l => f.EndsWith($".{l}.resx", StringComparison.Ordinal)));

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root?.Elements("data")
            .ToDictionary(d => (string?)d.Attribute("name") ?? string.Empty, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal)
        ?? [];

    [GeneratedRegex(@"\p{Ll}{3}")]
    private static partial Regex EnglishWord();

    private sealed record AvoidWord(string Language, string Word, string Instead, IReadOnlyList<string> Except);

    private sealed record Glossary(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> CheckedWords,
        IReadOnlyList<string> Names,
        IReadOnlyDictionary<string, HashSet<string>> SameWords,
        IReadOnlyList<AvoidWord> Avoid)
    {
        public string WithoutNames(string text) =>
            Names.Aggregate(text, (t, name) => t.Replace(name, " ", StringComparison.Ordinal));

        public static Glossary Read()
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "docs", "glossary.md"));

            var checkedWords = Rows(lines, "## Checked words").ToDictionary(
                r => r[0],
                r => (IReadOnlyDictionary<string, string[]>)new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["de"] = Stems(r[1]),
                    ["fr"] = Stems(r[2]),
                    ["es"] = Stems(r[3]),
                },
                StringComparer.Ordinal);

            var names = Section(lines, "## Names that stay as they are")
                .SelectMany(l => NameInBackticks().Matches(l).Select(m => m.Groups[1].Value))
                .OrderByDescending(n => n.Length) // "Government Community Cloud" before a shorter name inside it
                .ToList();

            var same = Rows(lines, "## The same word in a language").ToDictionary(
                r => LanguageColumns[r[0]],
                r => r[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
                StringComparer.Ordinal);

            var avoid = Rows(lines, "## Words not to use")
                .Select(r => new AvoidWord(LanguageColumns[r[0]], r[1], r[2],
                    r.Length > 3 ? r[3].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : []))
                .ToList();

            Assert.NotEmpty(checkedWords);
            Assert.NotEmpty(names);
            Assert.Equal(3, same.Count);
            Assert.NotEmpty(avoid);
            return new Glossary(checkedWords, names, same, avoid);
        }

        private static string[] Stems(string cell) => cell.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        private static IEnumerable<string> Section(string[] lines, string heading) =>
            lines.SkipWhile(l => l.Trim() != heading).Skip(1).TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal));

        /// <summary>The body rows of the first table in the section (header and separator skipped), cells trimmed.</summary>
        private static IEnumerable<string[]> Rows(string[] lines, string heading) =>
            Section(lines, heading)
                .Where(l => l.TrimStart().StartsWith('|'))
                .Skip(2)
                .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray());
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex NameInBackticks();
}
