using System.Text.RegularExpressions;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// No null-forgiving operator (postfix <c>!</c>) in the product's source: where a value may be null the code
/// says what happens (a guard, a pattern, <c>?? throw</c>, an attribute that tells the compiler), it does not
/// silence the compiler. Generated code (build output, EF designer files and model snapshots) is left out;
/// the platform's and the modules' migrations are written by hand here, so they count.
/// </summary>
public partial class NullForgivingTests
{
    [Fact]
    public void Source_has_no_null_forgiving_operator()
    {
        var violations = SourceTree.Files("src", ".cs", ".cshtml")
            .Where(f => !IsGenerated(f))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => !IsComment(l.line) && NullForgiving().IsMatch(l.line))
            .Select(l => $"{SourceTree.Relative(l.file)}:{l.number}: {l.line.Trim()}")
            .ToList();

        Assert.True(violations.Count == 0, Architecture.Report(
            "These lines use the null-forgiving operator; handle the null instead (guard, pattern, ?? throw, [NotNull]/[MemberNotNull]):",
            violations));
    }

    [Theory]
    [InlineData("var name = user!.Name;")]
    [InlineData("return Find(id)!;")]
    [InlineData("Use(items[0]!, other);")]
    [InlineData("Call(value!)")]
    [InlineData("public string Name { get; set; } = default!;")]
    [InlineData("var x = y!")]
    [InlineData("var z = list![0];")]
    public void The_pattern_finds_a_postfix_bang(string line) => Assert.Matches(NullForgiving(), line);

    [Theory]
    [InlineData("if (a != b)")]
    [InlineData("if (!flag && !(x))")]
    [InlineData("return !items.Any();")]
    [InlineData("var ok = x is not null && !string.IsNullOrEmpty(x);")]
    public void The_pattern_leaves_negation_and_inequality(string line) => Assert.DoesNotMatch(NullForgiving(), line);

    private static bool IsGenerated(string file) =>
        file.EndsWith(".Designer.cs", StringComparison.Ordinal)
        || file.EndsWith("ModelSnapshot.cs", StringComparison.Ordinal)
        || file.EndsWith(".g.cs", StringComparison.Ordinal);

    private static bool IsComment(string line) =>
        line.TrimStart() is var text && (text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith("/*", StringComparison.Ordinal)
            || text.StartsWith('*') || text.StartsWith("@*", StringComparison.Ordinal));

    /// <summary>An identifier, <c>)</c> or <c>]</c> followed by <c>!</c> and then <c>. ; , ) ] [</c>, white space or the line's end (not <c>!=</c>).</summary>
    [GeneratedRegex(@"[\w\)\]]!(?=[.;,\)\]\[\s]|$)")]
    private static partial Regex NullForgiving();
}
