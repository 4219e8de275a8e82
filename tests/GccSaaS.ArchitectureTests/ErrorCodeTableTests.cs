using System.Reflection;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Issue 13, R-PC-10: one table (<see cref="ApiErrorCodes"/>) gives every error of <c>/v1</c> its number and status.
/// Every code the product throws (refusals, validation failures, the API's own conventions, the field codes of
/// <c>data</c>) has a row, numbers are unique, and docs/api.md lists every row with the same number and status.
/// </summary>
public sealed partial class ErrorCodeTableTests
{
    private const string SnakeCase = "[a-z][a-z0-9]*(?:_[a-z0-9]+)*";

    [Fact]
    public void R_PC_10_every_code_thrown_anywhere_has_a_number_in_the_table()
    {
        var thrown = ThrownCodes();

        // The scan must see the codes of every kind of throw, or it proves nothing.
        Assert.Contains("agreement_already_exists", thrown.Keys); // a constant of CustomerErrorCodes
        Assert.Contains("tenant_identifier_taken", thrown.Keys); // new("…", …, DomainErrorKind.Conflict)
        Assert.Contains("request_id_reused", thrown.Keys); // ApiProblems.WriteAsync
        Assert.Contains("invalid_field", thrown.Keys); // InputFailure
        Assert.Contains("eligibility_required", thrown.Keys); // ValidationFailure
        Assert.Contains("unknown_operator", thrown.Keys); // a field code of data
        Assert.Contains("unknown_partner_id", thrown.Keys); // PartnerIdRules
        Assert.Contains("method_not_allowed", thrown.Keys); // a status's default code
        var missing = thrown.Where(t => ApiErrorCodes.Find(t.Key) is null).Select(t => $"{t.Key} ({t.Value})").ToList();
        Assert.True(missing.Count == 0, "codes without a number in ApiErrorCodes: " + string.Join(", ", missing));
    }

    [Fact]
    public void R_PC_10_names_and_numbers_are_unique_and_no_code_answers_422()
    {
        Assert.Empty(ApiErrorCodes.All.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(ApiErrorCodes.All.GroupBy(c => c.Number).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(ApiErrorCodes.All, c => Assert.Matches("^" + SnakeCase + "$", c.Name));
        Assert.All(ApiErrorCodes.All, c => Assert.InRange(c.Status, 400, 599));
        Assert.DoesNotContain(ApiErrorCodes.All, c => c.Status == 422);
        Assert.DoesNotContain(ApiErrorCodes.All, c => c.Number == ApiErrorCodes.UnlistedNumber);

        // Partner Center's own numbers for the same conditions (PARTNER-CENTER.md §4, §5.3, §5.6, §6.1, §6.3).
        Assert.Equal(600061, ApiErrorCodes.NumberOf("agreement_already_exists"));
        Assert.Equal(3000, ApiErrorCodes.NumberOf("unknown_partner_id"));
        Assert.Equal(800016, ApiErrorCodes.NumberOf("not_indirect_reseller"));
        Assert.Equal(900123, ApiErrorCodes.NumberOf("partner_agreement_not_signed"));
        Assert.Equal(2072, ApiErrorCodes.NumberOf("provider_cannot_be_reseller_of_record"));
        Assert.Equal(800098, ApiErrorCodes.NumberOf("subscription_bought_directly"));
        Assert.Equal(2055, ApiErrorCodes.NumberOf("subscription_etag_stale"));
    }

    [Fact]
    public void R_PC_10_docs_api_md_lists_every_code_with_its_number_and_status()
    {
        var doc = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "api.md"));
        var listed = DocRow().Matches(doc)
            .Select(m => (Name: m.Groups["name"].Value, Number: int.Parse(m.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Status: int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        var expected = ApiErrorCodes.All.Select(c => (c.Name, c.Number, c.Status)).ToList();
        var undocumented = expected.Except(listed).ToList();
        var stale = listed.Except(expected).ToList();
        Assert.True(undocumented.Count == 0, "docs/api.md does not list: " + string.Join(", ", undocumented));
        Assert.True(stale.Count == 0, "docs/api.md lists codes the table does not have (or with another number or status): " + string.Join(", ", stale));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    /// <summary>Every code the product can answer with, and where it was found.</summary>
    private static Dictionary<string, string> ThrownCodes()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);

        // Constants of the modules' code lists (CustomerErrorCodes, PartnerIdRules, ListingRequestRules, …).
        foreach (var assembly in Architecture.ProductAssemblies.Select(Architecture.Load))
        {
            foreach (var type in assembly.GetTypes().Where(t => t.Name.EndsWith("ErrorCodes", StringComparison.Ordinal) || t.Name.EndsWith("Rules", StringComparison.Ordinal)))
            {
                foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral))
                {
                    if (field.GetRawConstantValue() is string value && CodeConstant().IsMatch(value))
                    {
                        codes.TryAdd(value, $"{type.Name}.{field.Name}");
                    }
                }
            }
        }

        // Literals where a refusal, a validation failure, an input failure or a problem is made.
        foreach (var file in SourceTree.Files("src", ".cs"))
        {
            var text = File.ReadAllText(file);
            foreach (var match in ThrownLiteral().Matches(text).Cast<Match>())
            {
                codes.TryAdd(match.Groups["code"].Value, SourceTree.Relative(file));
            }
        }

        // The codes a status answers with when nothing more specific was said.
        for (var status = 400; status < 600; status++)
        {
            var name = ApiProblems.DefaultCode(status);
            if (!name.StartsWith("http_", StringComparison.Ordinal))
            {
                codes.TryAdd(name, "ApiProblems.DefaultCode");
            }
        }

        return codes;
    }

    // A code constant: snake_case with at least one underscore, or one of the single words used as codes.
    [GeneratedRegex("^(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|invalid|required|forbidden|unauthorized)$")]
    private static partial Regex CodeConstant();

    [GeneratedRegex(
        "DomainRuleException\\(\\s*\"(?<code>" + SnakeCase + ")\""
        + "|\\bnew\\(\\s*\"(?<code>" + SnakeCase + ")\",[^;]*?DomainErrorKind\\."
        + "|(?:ApiProblemException|ApiProblems?\\.WriteAsync)\\([^;\"]*?\"(?<code>" + SnakeCase + ")\""
        + "|InputFailure\\(\\s*\"(?<code>" + SnakeCase + ")\""
        + "|ValidationFailure\\(\\s*(?:\"[^\"]*\"|[^,;\"]+),\\s*\"(?<code>" + SnakeCase + ")\""
        + "|\\bcode = \"(?<code>" + SnakeCase + ")\""
        + "|\\bInvalid\\(\\s*\"(?<code>" + SnakeCase + ")\"")]
    private static partial Regex ThrownLiteral();

    // | 600061 | `agreement_already_exists` | 409 | …
    [GeneratedRegex(@"^\| (?<number>\d+) \| `(?<name>[a-z0-9_]+)` \| (?<status>\d{3}) \|", RegexOptions.Multiline)]
    private static partial Regex DocRow();
}
