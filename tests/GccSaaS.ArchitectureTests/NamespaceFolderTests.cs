using System.Text.RegularExpressions;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Namespaces match folders in every product assembly: a file declares its project's root namespace followed by
/// one segment per folder between the project and the file (migrations included), and a Razor
/// <c>@namespace</c> directive likewise. One exception: the host's <c>Program.cs</c>, whose top-level statements
/// the compiler puts in the global namespace with the <c>Program</c> class that <c>WebApplicationFactory&lt;Program&gt;</c> names.
/// </summary>
public partial class NamespaceFolderTests
{
    public static TheoryData<string> ProductAssemblies => [.. Architecture.ProductAssemblies];

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void Namespaces_match_folders_in(string assembly)
    {
        var project = ProjectFile(assembly);
        var folder = Path.GetDirectoryName(project) ?? SourceTree.Root;
        var violations = new List<string>();

        foreach (var file in SourceTree.Files(SourceTree.Relative(folder), ".cs", ".cshtml"))
        {
            var expected = SourceTree.ExpectedNamespace(file);
            var declarations = File.ReadLines(file)
                .Select((line, i) => (match: Declaration(file).Match(line), number: i + 1))
                .Where(d => d.match.Success)
                .ToList();

            if (declarations.Count == 0 && file.EndsWith(".cs", StringComparison.Ordinal) && !IsHostProgram(assembly, folder, file))
            {
                violations.Add($"{SourceTree.Relative(file)} declares no namespace; expected {expected}.");
            }

            violations.AddRange(declarations
                .Where(d => d.match.Groups["name"].Value != expected)
                .Select(d => $"{SourceTree.Relative(file)}:{d.number} declares {d.match.Groups["name"].Value}; expected {expected}."));
        }

        Assert.True(violations.Count == 0, Architecture.Report(
            $"In {assembly} every namespace is the root namespace plus the folder path:", violations));
    }

    [Fact]
    public void Expected_namespace_is_root_namespace_plus_folders()
    {
        var file = Path.Combine(SourceTree.Root, "src/BuildingBlocks/GccSaaS.BuildingBlocks/Data/Migrations/Any.cs");
        Assert.Equal("GccSaaS.BuildingBlocks.Data.Migrations", SourceTree.ExpectedNamespace(file));
        var top = Path.Combine(SourceTree.Root, "src/Host/GccSaaS.Host/Any.cs");
        Assert.Equal("GccSaaS.Host", SourceTree.ExpectedNamespace(top));
    }

    private static string ProjectFile(string assembly) =>
        SourceTree.Files("src", ".csproj").SingleOrDefault(p => Path.GetFileNameWithoutExtension(p) == assembly)
        ?? throw new InvalidOperationException($"No project {assembly}.csproj under src/.");

    private static bool IsHostProgram(string assembly, string projectFolder, string file) =>
        assembly == Architecture.HostAssembly && file == Path.Combine(projectFolder, "Program.cs");

    private static Regex Declaration(string file) =>
        file.EndsWith(".cshtml", StringComparison.Ordinal) ? RazorNamespace() : CSharpNamespace();

    [GeneratedRegex(@"^\s*namespace\s+(?<name>[\w.]+)")]
    private static partial Regex CSharpNamespace();

    [GeneratedRegex(@"^\s*@namespace\s+(?<name>[\w.]+)")]
    private static partial Regex RazorNamespace();
}
