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
        var violations = Architecture.ForbiddenDependencies(
            Architecture.BuildingBlocksAssembly,
            isForbiddenReference: a => a == assembly,
            isForbiddenUse: (a, _) => a == assembly);

        Assert.True(violations.Count == 0, Architecture.Report(
            $"{Architecture.BuildingBlocksAssembly} must not depend on {assembly}:", violations));
    }

    [Fact]
    public void BuildingBlocks_references_no_product_assembly()
    {
        var references = Architecture.Load(Architecture.BuildingBlocksAssembly).GetReferencedAssemblies()
            .Select(r => r.Name)
            .OfType<string>()
            .Where(Architecture.IsProductAssembly)
            .ToList();

        Assert.True(references.Count == 0,
            $"{Architecture.BuildingBlocksAssembly} may reference packages only, but references: {string.Join(", ", references)}.");
    }
}
