using Mono.Cecil;

namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 4: nothing of a module is public but its registration class.</summary>
public class ModuleVisibilityTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    /// <remarks>
    /// Compiler-generated types (<c>&lt;Module&gt;</c>, closures, state machines) are skipped: no one
    /// writes them and the compiler never makes them public. Razor-generated types are NOT skipped:
    /// the Razor SDK compiles views and pages into <c>internal sealed</c> classes in the
    /// <c>AspNetCoreGeneratedDocument</c> namespace, so they pass; a public one would be a real leak.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_implementation_exposes_only_its_registration_class(string module)
    {
        var info = Architecture.Module(module);
        using var definition = Architecture.Read(info.ImplementationAssembly);

        var violations = Metadata.AllTypes(definition)
            .Where(t => !Metadata.IsCompilerGenerated(t))
            .Where(Metadata.IsEffectivelyPublic)
            .Where(t => t.FullName != info.RegistrationType)
            .Select(t => $"{t.FullName} is {(t.IsNested ? "visible (nested public in a public type)" : "public")}.")
            .ToList();

        Assert.True(violations.Count == 0,
            $"In {info.ImplementationAssembly} only {info.RegistrationType} may be public; make these internal:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_registration_class_is_public_and_static(string module)
    {
        var info = Architecture.Module(module);
        using var definition = Architecture.Read(info.ImplementationAssembly);

        TypeDefinition? registration = definition.GetType(info.RegistrationType);

        Assert.True(registration is not null, $"{info.ImplementationAssembly} has no type {info.RegistrationType}.");
        Assert.True(registration.IsPublic && registration.IsAbstract && registration.IsSealed,
            $"{info.RegistrationType} must be a public static class.");
    }
}
