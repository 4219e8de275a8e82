using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Ordering.Domain;
using GccSaaS.Modules.Ordering.Features.Subscriptions;
using GccSaaS.Modules.Ordering.Resources;

namespace GccSaaS.IntegrationTests.Ordering;

/// <summary>The ordering pages speak four languages: no text is missing in one, and no page asks for a text that does not exist.</summary>
public sealed partial class OrderingTextsTests
{
    private static readonly ResourceManager Texts = new(typeof(OrderingResource));

    [Fact]
    public void Seed_003_the_German_pages_use_the_seeds_words()
    {
        var german = Read(new CultureInfo("de"));

        Assert.Equal("Abonnements hinzufügen", german["Subscriptions_Add"]);
        Assert.Equal("Kaufen", german["Review_Buy"]);
        Assert.Equal("Abbrechen", german["Review_Cancel"]);
        Assert.Equal("Überprüfen", german["AddProducts_Review"]);
        Assert.Contains("Wiederverkäufer", german["Review_ResellerOfRecord"], StringComparison.Ordinal);
        Assert.Contains("MPN-ID", german["Review_ResellerOfRecord"], StringComparison.Ordinal);
        Assert.Equal("Preise", german["Nav_Prices"]);
    }

    [Fact]
    public void The_seed_vocabulary_is_the_German_one()
    {
        var german = Read(new CultureInfo("de"));

        Assert.Equal("Abonnements", german["Nav_Subscriptions"]);
        Assert.Equal("Abonnement", german["Subscription_Summary"]);
        Assert.StartsWith("Wiederverkäufer", german["Subscription_Reseller"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_text_the_ordering_pages_ask_for_exists_including_every_term_cycle_and_refusal()
    {
        var known = Read(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var module = Path.Combine(RepositoryPaths.Root(), "src", "Modules", "Ordering", "GccSaaS.Modules.Ordering");
        var asked = Directory.EnumerateFiles(module, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(module, "Features"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(module, "*Module.cs"))
            .Append(Path.Combine(module, "OrderingAfterPurchase.cs"))
            .SelectMany(file => Key().Matches(File.ReadAllText(file)).Concat(FamilyKey().Matches(File.ReadAllText(file)))
                .Select(m => $"{Path.GetFileName(file)}: {m.Groups["key"].Value}"))
            .ToList();
        asked.AddRange(SubscriptionLifecycle.All.Select(s => "SubscriptionStatus_" + s));
        asked.AddRange(SubscriptionDetailsPageModel.DoneKeys.Select(d => "Subscription_Done_" + d));
        asked.AddRange(new[] { SupportContactKinds.Provider, SupportContactKinds.Reseller }.Select(k => "SupportKind_" + k));
        asked.AddRange(new[] { "added", "retired" }.Select(d => "Catalogue_Done_" + d));
        asked.AddRange(TermDurations.All.Select(t => "Term_" + t));
        asked.AddRange(BillingCycles.All.Select(c => "Cycle_" + c));
        asked.AddRange(ProductFamilies.All.Select(f => "Family_" + f));
        asked.AddRange(OfferSegments.All.Select(s => "Segment_" + s));
        asked.Add("SubscriptionStatus_" + SubscriptionStatuses.Active);
        asked.AddRange(typeof(OrderingErrorCodes).GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => "Error_" + (string?)f.GetValue(null)));

        Assert.Contains(asked, a => a.EndsWith("Review_Buy", StringComparison.Ordinal));
        Assert.Contains(asked, a => a.EndsWith("Fix_Agreement", StringComparison.Ordinal));
        Assert.Contains(asked, a => a.EndsWith("Subscription_CancelTitle", StringComparison.Ordinal));
        Assert.Contains(asked, a => a.EndsWith("Catalogue_Title", StringComparison.Ordinal));
        var missing = asked.Select(a => a.Contains(": ", StringComparison.Ordinal) ? a : "constant: " + a)
            .Where(a => !known.Contains(a[(a.IndexOf(": ", StringComparison.Ordinal) + 2)..]))
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "missing texts: " + string.Join(", ", missing));
    }

    private static Dictionary<string, string> Read(CultureInfo culture)
    {
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No ordering texts for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? string.Empty, StringComparer.Ordinal);
    }

    // O["Key"] in the views, o["Key"] and texts["Key"] in the page models, and the "Fix_…"/"Nav_…" keys a page picks by name.
    [GeneratedRegex(""""(?:\bO|\bo|\btexts)\["(?<key>\w+)"[\],]|"(?<key>(?:Fix|Nav)_\w+)"(?!\w)"""")]
    private static partial Regex Key();

    // Any whole key literal of the subscription, catalogue and support-contact families (and keys chosen by a
    // condition); keys built by concatenation are listed above.
    [GeneratedRegex("\"(?<key>(?:Subscriptions?|Catalogue|SupportKind|SubscriptionStatus|Input|Nav|Offers)_[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*)\"")]
    private static partial Regex FamilyKey();
}
