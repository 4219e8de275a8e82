using System.Text.RegularExpressions;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// The product's source files, for the rules that read source rather than IL (namespaces against folders,
/// null-forgiving operators, <c>using</c> directives). Generated output (<c>obj/</c>, <c>bin/</c>) is not source.
/// </summary>
public static partial class SourceTree
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the folder above the test output that holds <c>GccSaaS.sln</c>.</summary>
    public static string Root => RootPath.Value;

    /// <summary>Every file under <c>src/</c> (or <paramref name="under"/>) with one of the extensions, build output left out.</summary>
    public static IReadOnlyList<string> Files(string under, params string[] extensions)
    {
        var folder = Path.Combine(Root, under);
        Assert.True(Directory.Exists(folder), $"{folder} does not exist.");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .Where(f => !Relative(f).Split('/').Any(segment => segment is "obj" or "bin"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A path relative to the repository root, with forward slashes (for messages).</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>The project file a source file belongs to: the nearest <c>*.csproj</c> in its folder or above.</summary>
    public static string ProjectOf(string file)
    {
        for (var dir = new FileInfo(file).Directory; dir is not null && dir.FullName.Length >= Root.Length; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("*.csproj").SingleOrDefault() is { } project)
            {
                return project.FullName;
            }
        }

        throw new InvalidOperationException($"{Relative(file)} belongs to no project.");
    }

    /// <summary>A project's root namespace: its <c>RootNamespace</c>, else its file name (the SDK's default).</summary>
    public static string RootNamespaceOf(string project) =>
        RootNamespaceElement().Match(File.ReadAllText(project)) is { Success: true } match
            ? match.Groups["value"].Value.Trim()
            : Path.GetFileNameWithoutExtension(project);

    /// <summary>
    /// The namespace a file in a project should declare: the project's root namespace, then one segment per
    /// folder between the project and the file.
    /// </summary>
    public static string ExpectedNamespace(string file)
    {
        var project = ProjectOf(file);
        var folder = Path.GetRelativePath(Path.GetDirectoryName(project) ?? Root, Path.GetDirectoryName(file) ?? Root);
        return folder == "."
            ? RootNamespaceOf(project)
            : RootNamespaceOf(project) + "." + folder.Replace('\\', '/').Replace('/', '.');
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GccSaaS.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (GccSaaS.sln) is not above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"<RootNamespace>(?<value>[^<]+)</RootNamespace>")]
    private static partial Regex RootNamespaceElement();
}
