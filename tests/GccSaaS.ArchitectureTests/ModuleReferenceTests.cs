namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 1: a module talks to the rest of the product only through Contracts and BuildingBlocks.</summary>
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

        using var definition = Architecture.Read(info.ImplementationAssembly);

        var violations = new List<string>();
        foreach (var reference in definition.AssemblyReferences.Where(r => IsForbidden(r.Name)))
        {
            violations.Add($"{info.ImplementationAssembly} references assembly {reference.Name} ({Describe(reference.Name)}).");
        }

        // Name the referenced types (type and member references scoped to a forbidden assembly)...
        foreach (var type in definition.GetTypeReferences().Where(t => Metadata.AssemblyOf(t) is { } a && IsForbidden(a)))
        {
            violations.Add($"{info.ImplementationAssembly} references type {type.FullName} from {Metadata.AssemblyOf(type)}.");
        }

        foreach (var member in definition.GetMemberReferences().Where(m => Metadata.AssemblyOf(m.DeclaringType) is { } a && IsForbidden(a)))
        {
            violations.Add($"{info.ImplementationAssembly} references member {member.FullName} from {Metadata.AssemblyOf(member.DeclaringType)}.");
        }

        // ...and the module's own types and members that use them.
        foreach (var usage in Metadata.TypeUsages(definition).Where(u => IsForbidden(u.Assembly)).Distinct())
        {
            violations.Add($"{usage.User} uses {usage.Type} from {usage.Assembly}.");
        }

        Assert.True(violations.Count == 0,
            $"Module {module} may reference only Contracts assemblies and {Architecture.BuildingBlocksAssembly}:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations.Distinct()));
    }

    private static string Describe(string assembly) =>
        assembly == Architecture.HostAssembly ? "the host"
        : Architecture.Modules.Any(m => m.ImplementationAssembly == assembly) ? "another module's implementation"
        : "not a Contracts assembly or BuildingBlocks";
}
