namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 1: a module talks to the rest of the product only through Contracts and BuildingBlocks, so no
/// module depends on another module's implementation (nor on the host). Checked by assembly, through
/// <see cref="AssemblyDependencyRule"/>: a namespace prefix would take <c>GccSaaS.Modules.Customers.Contracts</c>
/// (allowed) for <c>GccSaaS.Modules.Customers</c> (forbidden).
/// </summary>
public class ModuleReferenceTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_implementation_references_only_contracts_and_building_blocks(string module)
    {
        var info = Architecture.Module(module);
        var allowed = Architecture.Modules.Select(m => m.ContractsAssembly)
            .Append(Architecture.BuildingBlocksAssembly)
            .ToHashSet(StringComparer.Ordinal);
        bool IsForbidden(string assembly) => Architecture.IsProductAssembly(assembly) && !allowed.Contains(assembly);

        var violations = Architecture.ForbiddenDependencies(
            info.ImplementationAssembly,
            isForbiddenReference: IsForbidden,
            isForbiddenUse: (assembly, _) => IsForbidden(assembly),
            describeAssembly: Describe);

        Assert.True(violations.Count == 0, Architecture.Report(
            $"Module {module} may reference only Contracts assemblies and {Architecture.BuildingBlocksAssembly}:", violations));
    }

    private static string Describe(string assembly) =>
        assembly == Architecture.HostAssembly ? "the host"
        : Architecture.Modules.Any(m => m.ImplementationAssembly == assembly) ? "another module's implementation"
        : "not a Contracts assembly or BuildingBlocks";
}
