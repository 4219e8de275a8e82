using System.Reflection;
using NetArchTest.Rules;

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
/// The one list of modules every rule is driven by, and the built assemblies the rules read. The test
/// project references the host, so the host, BuildingBlocks and every module's two assemblies are copied
/// to the test output folder: NetArchTest reads them from there, and reflection loads them by name.
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
        new("Identity", "identity"),
        new("Notifications", "notifications"),
    ];

    /// <summary>Schemas that belong to the platform, not to a module: BuildingBlocks and the host own them.</summary>
    public static readonly IReadOnlyList<string> PlatformSchemas = ["platform", "hangfire", "idempotency"];

    public static TheoryData<string> ModuleNames => [.. Modules.Select(m => m.Name)];

    /// <summary>Every product assembly: BuildingBlocks, the host, and each module's implementation and Contracts.</summary>
    public static IEnumerable<string> ProductAssemblies =>
        Modules.SelectMany(m => new[] { m.ImplementationAssembly, m.ContractsAssembly })
            .Prepend(HostAssembly)
            .Prepend(BuildingBlocksAssembly);

    public static ModuleInfo Module(string name) =>
        Modules.SingleOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"{name} is not in {nameof(Architecture)}.{nameof(Modules)}.", nameof(name));

    public static string PathOf(string assemblyName) => Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    /// <summary>Loads a built product assembly from the test output folder (by name, into the default context).</summary>
    public static Assembly Load(string assemblyName)
    {
        Assert.True(File.Exists(PathOf(assemblyName)), $"{assemblyName}.dll is not in {AppContext.BaseDirectory}; build the solution first.");
        return Assembly.Load(new AssemblyName(assemblyName));
    }

    /// <summary>
    /// The types of a built assembly, for NetArchTest rules. NetArchTest reads the file itself (afresh
    /// on every call, so parallel tests share nothing); the test output folder resolves the
    /// assemblies it references (base classes in BuildingBlocks, MediatR's interfaces). NetArchTest leaves
    /// out types in <c>System.*</c> and <c>Microsoft.*</c> namespaces and compiler-generated nested types;
    /// <see cref="NetArchTestCoverageTests"/> proves that leaves out none of ours.
    /// </summary>
    public static Types TypesIn(string assemblyName) =>
        Types.InAssembly(Load(assemblyName), [AppContext.BaseDirectory]);

    /// <summary>True for GccSaaS.* assemblies (exact product prefix, not a namespace test).</summary>
    public static bool IsProductAssembly(string assemblyName) =>
        assemblyName.StartsWith(ProductPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Everything in <paramref name="assemblyName"/> that depends on a forbidden assembly, one line each
    /// naming the type (or the assembly) and the dependency:
    /// the assembly's references (reflection: a use anywhere in the file needs one), its assembly- and
    /// module-level attributes (reflection), and every type with what it uses, found by NetArchTest with the
    /// <see cref="AssemblyDependencyRule"/> (by the assembly that defines a used type, not by namespace).
    /// NetArchTest hands the rule no type of a <c>System.*</c> or <c>Microsoft.*</c> namespace, where source
    /// generators put theirs (<c>[GeneratedRegex]</c>, the OpenAPI comments); a use of a forbidden assembly
    /// there still fails the reference check, and the host, which may reference a module's assembly, can
    /// reach nothing in it but the public registration class (<see cref="ModuleVisibilityTests"/>).
    /// </summary>
    /// <param name="assemblyName">The product assembly whose references and uses are checked.</param>
    /// <param name="isForbiddenReference">Whether referencing an assembly at all breaks the rule.</param>
    /// <param name="isForbiddenUse">Whether using a type (assembly name, full type name) breaks the rule.</param>
    /// <param name="describeAssembly">How a forbidden assembly is named in the failure (its name when null).</param>
    public static IReadOnlyList<string> ForbiddenDependencies(
        string assemblyName,
        Func<string, bool> isForbiddenReference,
        Func<string, string, bool> isForbiddenUse,
        Func<string, string>? describeAssembly = null)
    {
        var assembly = Load(assemblyName);
        var violations = new List<string>();

        foreach (var name in assembly.GetReferencedAssemblies().Select(r => r.Name).OfType<string>().Where(isForbiddenReference))
        {
            var description = describeAssembly?.Invoke(name) is { } text ? $" ({text})" : string.Empty;
            violations.Add($"{assemblyName} references assembly {name}{description}.");
        }

        violations.AddRange(AssemblyReflection.AssemblyLevelTypeUses(assembly)
            .Where(u => isForbiddenUse(u.Assembly, u.Type))
            .Select(u => $"{u.User} uses {u.Type} from {u.Assembly}."));

        var rule = new AssemblyDependencyRule(isForbiddenUse);
        var result = TypesIn(assemblyName).Should().MeetCustomRule(rule).GetResult();
        foreach (var type in result.FailingTypeNames ?? [])
        {
            violations.AddRange(rule.UsesBy(type).Select(u => $"{type}: {u}"));
        }

        return violations.Distinct().ToList();
    }

    /// <summary>An assertion message: the rule, then one violation a line.</summary>
    public static string Report(string rule, IEnumerable<string> violations) =>
        rule + Environment.NewLine + string.Join(Environment.NewLine, violations);
}
