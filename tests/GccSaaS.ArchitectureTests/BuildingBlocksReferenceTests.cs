namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 3: the shared kernel knows no module and not the host; it depends on packages only.</summary>
public class BuildingBlocksReferenceTests
{
    /// <summary>Every module's implementation and Contracts, and the host.</summary>
    public static TheoryData<string> ProductAssemblies =>
    [
        .. Architecture.Modules.SelectMany(m => new[] { m.ImplementationAssembly, m.ContractsAssembly }),
        Architecture.HostAssembly,
    ];

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void BuildingBlocks_does_not_reference(string assembly)
    {
        using var definition = Architecture.Read(Architecture.BuildingBlocksAssembly);

        var violations = definition.AssemblyReferences
            .Where(r => r.Name == assembly)
            .Select(r => $"{Architecture.BuildingBlocksAssembly} references assembly {r.Name}.")
            .Concat(Metadata.TypeUsages(definition)
                .Where(u => u.Assembly == assembly)
                .Select(u => $"{u.User} uses {u.Type} from {u.Assembly}."))
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0,
            $"{Architecture.BuildingBlocksAssembly} must not depend on {assembly}:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void BuildingBlocks_references_no_product_assembly()
    {
        using var definition = Architecture.Read(Architecture.BuildingBlocksAssembly);

        var references = definition.AssemblyReferences
            .Where(r => Architecture.IsProductAssembly(r.Name))
            .Select(r => r.Name)
            .ToList();

        Assert.True(references.Count == 0,
            $"{Architecture.BuildingBlocksAssembly} may reference packages only, but references: {string.Join(", ", references)}.");
    }
}
