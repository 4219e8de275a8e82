using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.Host.Resources;
using GccSaaS.IntegrationTests.Infrastructure;

namespace GccSaaS.IntegrationTests.Shell;

/// <summary>No shell page asks for a text that does not exist (that each text exists in every language: GlossaryTests).</summary>
public sealed partial class SharedTextsTests
{
    private static readonly ResourceManager Texts = new(typeof(SharedResource));

    [Fact]
    public void Every_text_the_shell_asks_for_exists()
    {
        var known = Read(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var host = Path.Combine(RepositoryPaths.Root(), "src", "Host", "GccSaaS.Host");
        var shellFiles = Directory.EnumerateFiles(Path.Combine(host, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(host, "Portal"), "*.cs"));

        var asked = shellFiles
            .SelectMany(file => LocalizerKey().Matches(File.ReadAllText(file))
                .SelectMany(m => m.Groups["key"].Captures.Select(c => (File: Path.GetFileName(file), Key: c.Value))))
            .Concat(GccSaaSRoles.TenantRoles.Concat(GccSaaSRoles.PlatformRoles).Append(GccSaaSRoles.CustomerAdministrator)
                .Select(role => (File: "roles", Key: "Role_" + role)))
            .ToList();
        // Every link but the two homes is also a shortcut card with a line on what it is for.
        asked.AddRange(asked.Where(a => a.Key.StartsWith("Nav_", StringComparison.Ordinal) && a.Key is not ("Nav_Dashboard" or "Nav_PlatformHome")
                && !a.Key.EndsWith("_Description", StringComparison.Ordinal))
            .Select(a => (a.File, Key: a.Key + "_Description"))
            .ToList());

        Assert.Contains(asked, a => a.Key == "NotFoundTitle");
        Assert.Contains(asked, a => a.Key == "Nav_Jobs"); // the host's own links; each module's are checked in NavigationTests
        Assert.Empty(asked.Where(a => !known.Contains(a.Key)).Select(a => $"{a.File}: {a.Key}"));
    }

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No shared texts for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
    }

    // T["Key"] in the views, text["Key"] in the shell's code, "Nav_…"/"Figure_…" keys, and the status page's ("…Title", "…Text") pairs.
    [GeneratedRegex("""(?:\bT|\btext)\["(?<key>\w+)"\]|"(?<key>(?:Nav|Figure)_\w+)"|\("(?<key>\w+Title)", "(?<key>\w+Text)"\)""")]
    private static partial Regex LocalizerKey();
}
