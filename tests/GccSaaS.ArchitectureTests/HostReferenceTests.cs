namespace GccSaaS.ArchitectureTests;

/// <summary>The host composes modules through their registration classes and nothing else of theirs.</summary>
public class HostReferenceTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Host_uses_only_the_registration_class_of(string module)
    {
        var info = Architecture.Module(module);
        using var host = Architecture.Read(Architecture.HostAssembly);

        var violations = Metadata.TypeUsages(host)
            .Where(u => u.Assembly == info.ImplementationAssembly && u.Type != info.RegistrationType)
            .Select(u => $"{u.User} uses {u.Type} from {u.Assembly}.")
            .Distinct()
            .ToList();

        Assert.True(violations.Count == 0,
            $"The host may use only {info.RegistrationType} from {info.ImplementationAssembly}:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    /// <summary>Program.cs composes modules explicitly (no assembly scanning), so it calls each registration class.</summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Host_composes_the_module_through_its_registration_class(string module)
    {
        var info = Architecture.Module(module);
        using var host = Architecture.Read(Architecture.HostAssembly);

        Assert.True(Metadata.TypeUsages(host).Any(u => u.Type == info.RegistrationType && u.Assembly == info.ImplementationAssembly),
            $"{Architecture.HostAssembly} never uses {info.RegistrationType}; register the module in Program.cs.");
    }
}
