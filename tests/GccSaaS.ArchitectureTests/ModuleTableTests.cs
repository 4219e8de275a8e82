namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 7: the module table matches what is built, so no rule silently skips a module. A module that
/// was renamed or removed can leave its old assembly in bin/; a clean build clears that.
/// </summary>
public class ModuleTableTests
{
    private const string ContractsSuffix = ".Contracts";

    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Fact]
    public void Every_module_assembly_in_the_output_is_in_the_module_table()
    {
        var listed = Architecture.Modules
            .SelectMany(m => new[] { m.ImplementationAssembly, m.ContractsAssembly })
            .ToHashSet(StringComparer.Ordinal);

        var unlisted = Directory.GetFiles(AppContext.BaseDirectory, "GccSaaS.Modules.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => !listed.Contains(name))
            .Select(name => name.EndsWith(ContractsSuffix, StringComparison.Ordinal)
                ? $"{name} (Contracts of a module not in the table)"
                : $"{name} (module implementation not in the table)")
            .ToList();

        Assert.True(unlisted.Count == 0,
            $"Add these to {nameof(Architecture)}.{nameof(Architecture.Modules)}: {string.Join(", ", unlisted)}.");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Listed_module_is_built_with_both_assemblies(string module)
    {
        var info = Architecture.Module(module);

        foreach (var assembly in new[] { info.ImplementationAssembly, info.ContractsAssembly })
        {
            Assert.True(File.Exists(Architecture.PathOf(assembly)),
                $"{assembly}.dll, listed for module {module}, is not in {AppContext.BaseDirectory}.");
        }

        Assert.True(info.Schema.Equals(info.Name, StringComparison.OrdinalIgnoreCase) && !info.Schema.Any(char.IsUpper),
            $"Module {module}'s schema is {info.Schema}; schemas are the lowercase module names.");
    }
}
