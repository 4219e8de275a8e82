using Mono.Cecil;

namespace GccSaaS.ArchitectureTests;

/// <summary>One business module: its name (as in <c>GccSaaS.Modules.&lt;Name&gt;</c>) and its database schema.</summary>
public sealed record ModuleInfo(string Name, string Schema)
{
    public string ImplementationAssembly => $"GccSaaS.Modules.{Name}";

    public string ContractsAssembly => $"GccSaaS.Modules.{Name}.Contracts";

    /// <summary>The module's only public type: registration and endpoint mapping.</summary>
    public string RegistrationType => $"GccSaaS.Modules.{Name}.{Name}Module";
}

/// <summary>
/// The one list of modules every rule is driven by, and the built assemblies the rules read.
/// Assemblies are read with Mono.Cecil from the test output folder: the test project references the
/// host, so the host, BuildingBlocks and every module's two assemblies are copied there.
/// </summary>
public static class Architecture
{
    public const string BuildingBlocksAssembly = "GccSaaS.BuildingBlocks";

    public const string HostAssembly = "GccSaaS.Host";

    public const string ProductPrefix = "GccSaaS.";

    public static readonly IReadOnlyList<ModuleInfo> Modules =
    [
        new("Partners", "partners"),
        new("Customers", "customers"),
        new("Relationships", "relationships"),
        new("Validation", "validation"),
        new("Ordering", "ordering"),
    ];

    /// <summary>Schemas that belong to the platform, not to a module: BuildingBlocks and the host own them.</summary>
    public static readonly IReadOnlyList<string> PlatformSchemas = ["platform", "identity", "hangfire"];

    public static TheoryData<string> ModuleNames => [.. Modules.Select(m => m.Name)];

    public static ModuleInfo Module(string name) =>
        Modules.SingleOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"{name} is not in {nameof(Architecture)}.{nameof(Modules)}.", nameof(name));

    public static string PathOf(string assemblyName) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    /// <summary>
    /// Reads a built assembly's main module. Each test reads its own copy (Cecil reads lazily and is not
    /// thread-safe, and xunit runs test classes in parallel); dispose it when done.
    /// </summary>
    public static ModuleDefinition Read(string assemblyName)
    {
        var path = PathOf(assemblyName);
        Assert.True(File.Exists(path), $"{assemblyName}.dll is not in {AppContext.BaseDirectory}; build the solution first.");

        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        return ModuleDefinition.ReadModule(path, new ReaderParameters
        {
            AssemblyResolver = resolver,
            InMemory = true,
            ReadSymbols = false,
        });
    }

    /// <summary>True for GccSaaS.* assemblies (exact product prefix, not a namespace test).</summary>
    public static bool IsProductAssembly(string assemblyName) =>
        assemblyName.StartsWith(ProductPrefix, StringComparison.Ordinal);
}
