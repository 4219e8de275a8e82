using System.Reflection;
using System.Text.RegularExpressions;
using GccSaaS.BuildingBlocks.Web;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Issue 13, R-PC-10: every error of <c>/v1</c> has one number and status: the API's conventions in
/// <see cref="ApiErrorCodes"/>, each module's codes in its own <c>…ErrorCodes</c> table (issue 12, constants marked
/// <see cref="ApiErrorAttribute"/>), read here from every product assembly. Every code the product throws (refusals,
/// validation failures, the API's own conventions, the field codes of <c>data</c>) has a row, names and numbers are
/// unique across all tables, and docs/api.md lists every row with the same number and status.
/// </summary>
public sealed partial class ErrorCodeTableTests
{
    private const string SnakeCase = "[a-z][a-z0-9]*(?:_[a-z0-9]+)*";

    /// <summary>Each module's block MM of the product's own numbers 1MMnnn (see <see cref="ApiErrorCodes"/>).</summary>
    private static readonly Dictionary<string, int> Blocks = new(StringComparer.Ordinal)
    {
        ["Identity"] = 10, ["Partners"] = 20, ["Customers"] = 30, ["Relationships"] = 40, ["Validation"] = 50, ["Ordering"] = 60, ["Notifications"] = 70,
    };

    [Fact]
    public void R_PC_10_every_code_thrown_anywhere_has_a_number_in_the_table()
    {
        var thrown = ThrownCodes();

        // The scan must see the codes of every kind of throw, or it proves nothing.
        Assert.Contains("agreement_already_exists", thrown.Keys); // a constant of CustomerErrorCodes
        Assert.Contains("tenant_identifier_taken", thrown.Keys); // a constant of a module's own table (IdentityErrorCodes)
        Assert.Contains("tenant_not_found", thrown.Keys); // new DomainRuleException("…", …)
        Assert.Contains("request_id_reused", thrown.Keys); // ApiProblems.WriteAsync
        Assert.Contains("invalid_field", thrown.Keys); // InputFailure
        Assert.Contains("eligibility_required", thrown.Keys); // ValidationFailure
        Assert.Contains("unknown_operator", thrown.Keys); // a field code of data
        Assert.Contains("unknown_partner_id", thrown.Keys); // PartnerIdRules
        Assert.Contains("method_not_allowed", thrown.Keys); // a status's default code
        var numbered = AllCodes().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var missing = thrown.Where(t => !numbered.Contains(t.Key)).Select(t => $"{t.Key} ({t.Value})").ToList();
        Assert.True(missing.Count == 0, "codes without a number in any table (ApiErrorCodes or a module's …ErrorCodes): " + string.Join(", ", missing));
    }

    [Fact]
    public void R_PC_10_names_and_numbers_are_unique_and_no_code_answers_422()
    {
        var all = AllCodes();
        Assert.Empty(all.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(all.GroupBy(c => c.Number).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.All(all, c => Assert.Matches("^" + SnakeCase + "$", c.Name));
        Assert.All(all, c => Assert.InRange(c.Status, 400, 599));
        Assert.DoesNotContain(all, c => c.Status == 422);
        Assert.DoesNotContain(all, c => c.Number == ApiErrorCodes.UnlistedNumber);

        // The one lookup answers from every table (a duplicate would have stopped it above).
        var catalog = new ApiErrorCatalog(all);

        // Partner Center's own numbers for the same conditions (PARTNER-CENTER.md §4, §5.3, §5.6, §6.1, §6.3).
        Assert.Equal(600061, catalog.NumberOf("agreement_already_exists"));
        Assert.Equal(3000, catalog.NumberOf("unknown_partner_id"));
        Assert.Equal(800016, catalog.NumberOf("not_indirect_reseller"));
        Assert.Equal(900123, catalog.NumberOf("partner_agreement_not_signed"));
        Assert.Equal(2072, catalog.NumberOf("provider_cannot_be_reseller_of_record"));
        Assert.Equal(800098, catalog.NumberOf("subscription_bought_directly"));
        Assert.Equal(2055, catalog.NumberOf("subscription_etag_stale"));
        Assert.Equal(ApiErrorCodes.UnlistedNumber, catalog.NumberOf("a_code_nobody_listed"));
    }

    /// <summary>Issue 12: each module owns its codes in one table of its own, in its own number block (1MMnnn).</summary>
    [Theory]
    [MemberData(nameof(ModuleTableTests.Modules), MemberType = typeof(ModuleTableTests))]
    public void Every_module_keeps_its_codes_in_one_table_of_its_own(string module)
    {
        var info = Architecture.Module(module);
        var tables = Tables(Architecture.Load(info.ImplementationAssembly)).ToList();

        var table = Assert.Single(tables);
        Assert.EndsWith("ErrorCodes", table.Name, StringComparison.Ordinal);
        var block = 100000 + (1000 * Blocks[module]);
        var codes = ApiErrorCodes.Of(table);
        Assert.NotEmpty(codes);

        // Partner Center's own numbers keep theirs; every other number is in the module's block.
        Assert.All(codes.Where(c => c.Number is >= 100000 and < 200000), c => Assert.InRange(c.Number, block, block + 999));
    }

    [Fact]
    public void R_PC_10_docs_api_md_lists_every_code_with_its_number_and_status()
    {
        var doc = File.ReadAllText(Path.Combine(SourceTree.Root, "docs", "api.md"));
        var listed = DocRow().Matches(doc)
            .Select(m => (Name: m.Groups["name"].Value, Number: int.Parse(m.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture),
                Status: int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

        var expected = AllCodes().Select(c => (c.Name, c.Number, c.Status)).ToList();
        var undocumented = expected.Except(listed).ToList();
        var stale = listed.Except(expected).ToList();
        Assert.True(undocumented.Count == 0, "docs/api.md does not list: " + string.Join(", ", undocumented));
        Assert.True(stale.Count == 0, "docs/api.md lists codes the table does not have (or with another number or status): " + string.Join(", ", stale));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    /// <summary>Every row of every table: the API's conventions, then each product assembly's tables.</summary>
    private static List<ApiErrorCode> AllCodes() =>
        [.. ApiErrorCodes.Conventions, .. Architecture.ProductAssemblies.Select(Architecture.Load).SelectMany(Tables).SelectMany(ApiErrorCodes.Of)];

    /// <summary>The types of an assembly whose constants carry <see cref="ApiErrorAttribute"/>.</summary>
    private static IEnumerable<Type> Tables(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Any(f => f.IsDefined(typeof(ApiErrorAttribute), inherit: false)));

    /// <summary>Every code the product can answer with, and where it was found.</summary>
    private static Dictionary<string, string> ThrownCodes()
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);

        // Constants of the modules' code lists (their tables, CustomerErrorCodes, IdentityErrorCodes, …, and *Rules).
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
