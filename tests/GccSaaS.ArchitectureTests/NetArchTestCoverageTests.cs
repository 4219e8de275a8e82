namespace GccSaaS.ArchitectureTests;

/// <summary>
/// The NetArchTest rules see every type we write. NetArchTest leaves out types whose namespace starts
/// with <c>System</c> or <c>Microsoft</c> (and a few others), and lists compiler-generated nested types
/// under the type that contains them; a type of ours in, say, <c>Microsoft.Extensions.DependencyInjection</c>
/// would slip past every rule. Reflection lists the assembly's types to compare.
/// </summary>
public class NetArchTestCoverageTests
{
    public static TheoryData<string> ProductAssemblies => [.. Architecture.ProductAssemblies];

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void NetArchTest_sees_every_type_of(string assembly)
    {
        var seen = Architecture.TypesIn(assembly).GetTypes().Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);

        var unseen = AssemblyReflection.AllTypes(Architecture.Load(assembly))
            .Where(t => !AssemblyReflection.IsCompilerGenerated(t))
            .Where(t => !seen.Contains(t.FullName))
            .Select(t => $"{t.FullName} (namespace {t.Namespace}); move it to a namespace of the product.")
            .ToList();

        Assert.True(unseen.Count == 0, Architecture.Report(
            $"NetArchTest does not see these types of {assembly}, so no architecture rule checks them:", unseen));
    }
}
