namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 2: a Contracts assembly depends on MediatR and the base framework, nothing else: no other
/// product assembly (not even another module's Contracts), no package. Checked by assembly, through
/// <see cref="AssemblyDependencyRule"/>, since "the base framework" is a set of assemblies, not of namespaces
/// (a package may well use a <c>System.*</c> namespace).
/// </summary>
public class ContractsReferenceTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    /// <summary>
    /// The assemblies of Microsoft.NETCore.App, the framework this test runs on (the folder of
    /// System.Private.CoreLib). Contracts are plain class libraries, so ASP.NET Core and
    /// Microsoft.Extensions.* packages are not allowed in them, only the base framework.
    /// </summary>
    private static readonly HashSet<string> BaseFramework =
        Directory.GetFiles(Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Append("netstandard")
            .Append("mscorlib")
            .ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_reference_only_MediatR_and_the_base_framework(string module)
    {
        var info = Architecture.Module(module);

        var violations = Architecture.ForbiddenDependencies(
            info.ContractsAssembly,
            isForbiddenReference: IsForbidden,
            isForbiddenUse: (assembly, _) => IsForbidden(assembly),
            describeAssembly: a => Architecture.IsProductAssembly(a) ? "a product assembly" : "a package");

        Assert.True(violations.Count == 0, Architecture.Report(
            $"Contracts of {module} may reference only MediatR and the base framework:", violations));
    }

    private static bool IsForbidden(string assembly) =>
        Architecture.IsProductAssembly(assembly) || (!IsMediatR(assembly) && !BaseFramework.Contains(assembly));

    private static bool IsMediatR(string assembly) =>
        assembly == "MediatR" || assembly.StartsWith("MediatR.", StringComparison.Ordinal);
}
