using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Validation.Domain;
using GccSaaS.Modules.Validation.Features.ReviewDesk;
using GccSaaS.Modules.Validation.Resources;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>The validation pages speak four languages: no text is missing in one, and no page asks for a text that does not exist.</summary>
public sealed partial class ValidationTextsTests
{
    private static readonly ResourceManager Texts = new(typeof(ValidationResource));

    [Fact]
    public void Every_text_the_pages_ask_for_exists_including_every_state_act_category_and_refusal()
    {
        var known = Read(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var module = Path.Combine(RepositoryPaths.Root(), "src", "Modules", "Validation", "GccSaaS.Modules.Validation");
        var asked = Directory.EnumerateFiles(module, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(module, "Features"), "*.cs", SearchOption.AllDirectories))
            .SelectMany(file => Key().Matches(File.ReadAllText(file)).Select(m => $"{Path.GetFileName(file)}: {m.Groups["key"].Value}"))
            .ToList();
        asked.AddRange(Enum.GetNames<ValidationCaseState>().Select(s => "State_" + s));
        asked.AddRange(Enum.GetNames<ValidationCaseAction>().Select(a => "Action_" + a));
        asked.AddRange(Enum.GetNames<ValidationCaseKind>().Select(k => "Kind_" + k));
        asked.AddRange(Enum.GetNames<CustomerEligibilityCategory>().Select(c => "Category_" + c));
        asked.AddRange(Enum.GetNames<RegulatedGovernmentData>().Select(d => "Data_" + d));
        asked.AddRange(Enum.GetNames<ReviewAction>().Select(a => "Desk_Done_" + a));
        asked.AddRange(new[] { "Federal", "State", "Local", "Tribal" }.Select(e => "Entity_" + e));
        asked.AddRange(typeof(ValidationErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!)
            .Select(code => "Error_" + code)); // every refusal is worded from here, in the portal and the API alike

        Assert.Contains(asked, a => a.EndsWith("Desk_Title", StringComparison.Ordinal));
        var missing = asked.Select(a => a.Contains(": ", StringComparison.Ordinal) ? a : "enum: " + a)
            .Where(a => !known.Contains(a[(a.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .ToList();
        Assert.True(missing.Count == 0, "missing texts: " + string.Join(", ", missing));
    }

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No validation texts for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
    }

    // V["Key"] in the views, text["Key"] in the page models (keys built by concatenation are listed above).
    [GeneratedRegex("""(?:\bV|\btext)\["(?<key>\w+)"[\],]""")]
    private static partial Regex Key();
}
