namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 2: a Contracts assembly depends on MediatR and the base framework, nothing else.</summary>
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
        using var definition = Architecture.Read(info.ContractsAssembly);

        var violations = new List<string>();
        foreach (var reference in definition.AssemblyReferences)
        {
            if (Architecture.IsProductAssembly(reference.Name))
            {
                var users = Metadata.TypeUsages(definition)
                    .Where(u => u.Assembly == reference.Name)
                    .Select(u => $"{u.User} uses {u.Type}")
                    .Distinct();
                violations.Add($"{info.ContractsAssembly} references {reference.Name}: {string.Join("; ", users)}.");
            }
            else if (!IsMediatR(reference.Name) && !BaseFramework.Contains(reference.Name))
            {
                violations.Add($"{info.ContractsAssembly} references package assembly {reference.Name}.");
            }
        }

        Assert.True(violations.Count == 0,
            $"Contracts of {module} may reference only MediatR and the base framework:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    private static bool IsMediatR(string assembly) =>
        assembly == "MediatR" || assembly.StartsWith("MediatR.", StringComparison.Ordinal);
}
