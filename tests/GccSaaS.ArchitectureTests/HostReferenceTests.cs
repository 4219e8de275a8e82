namespace GccSaaS.ArchitectureTests;

/// <summary>The host composes modules through their registration classes and nothing else of theirs.</summary>
public class HostReferenceTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    /// <summary>By assembly and full type name, through <see cref="AssemblyDependencyRule"/>: the host may use the module's Contracts freely.</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Host_uses_only_the_registration_class_of(string module)
    {
        var info = Architecture.Module(module);

        var violations = Architecture.ForbiddenDependencies(
            Architecture.HostAssembly,
            isForbiddenReference: _ => false,
            isForbiddenUse: (assembly, type) => assembly == info.ImplementationAssembly && type != info.RegistrationType);

        Assert.True(violations.Count == 0, Architecture.Report(
            $"The host may use only {info.RegistrationType} from {info.ImplementationAssembly}:", violations));
    }

    /// <summary>Program.cs composes modules explicitly (no assembly scanning), so it calls each registration class.</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Host_composes_the_module_through_its_registration_class(string module)
    {
        var info = Architecture.Module(module);

        var users = Architecture.TypesIn(Architecture.HostAssembly)
            .That().HaveDependencyOn(info.RegistrationType)
            .GetTypes()
            .ToList();

        Assert.True(users.Count > 0, $"{Architecture.HostAssembly} never uses {info.RegistrationType}; register the module in Program.cs.");
    }
}
