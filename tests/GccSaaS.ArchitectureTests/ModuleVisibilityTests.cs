using System.Text.RegularExpressions;

namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 4: nothing of a module is public but its registration class.</summary>
public class ModuleVisibilityTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    /// <remarks>
    /// NetArchTest's <c>NotBePublic</c> finds the public types, top-level and nested. A public class
    /// nested in an internal one is not visible outside the assembly, so reflection keeps only those whose
    /// every enclosing type is public too. Compiler-generated nested types (closures, state machines) are
    /// not in NetArchTest's list, and the compiler never makes them public. Razor-generated types are
    /// checked: the Razor SDK compiles views and pages into <c>internal sealed</c> classes in the
    /// <c>AspNetCoreGeneratedDocument</c> namespace, so they pass; a public one would be a real leak.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_implementation_exposes_only_its_registration_class(string module)
    {
        var info = Architecture.Module(module);
        var assembly = Architecture.Load(info.ImplementationAssembly);

        var result = Architecture.TypesIn(info.ImplementationAssembly).Should().NotBePublic().GetResult();

        var violations = (result.FailingTypeNames ?? [])
            .Where(name => name != info.RegistrationType)
            .Select(name => assembly.GetType(name.Replace('/', '+'), throwOnError: true) ?? throw new InvalidOperationException(name))
            .Where(AssemblyReflection.IsEffectivelyPublic)
            .Select(t => $"{t.FullName} is {(t.IsNested ? "visible (nested public in a public type)" : "public")}.")
            .ToList();

        Assert.True(violations.Count == 0, Architecture.Report(
            $"In {info.ImplementationAssembly} only {info.RegistrationType} may be public; make these internal:", violations));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_registration_class_is_public_and_static(string module)
    {
        var info = Architecture.Module(module);
        var name = info.RegistrationType[(info.RegistrationType.LastIndexOf('.') + 1)..];
        var @namespace = info.RegistrationType[..info.RegistrationType.LastIndexOf('.')];

        var registration = Architecture.TypesIn(info.ImplementationAssembly)
            .That().HaveName(name).And().ResideInNamespaceMatching($"^{Regex.Escape(@namespace)}$").And().AreNotNested();

        // NetArchTest compares names ignoring case; the registration class is named exactly.
        Assert.True(registration.GetTypes().Select(t => t.FullName).SequenceEqual([info.RegistrationType]),
            $"{info.ImplementationAssembly} has no type {info.RegistrationType}.");
        var result = registration.Should().BePublic().And().BeStatic().GetResult();
        Assert.True(result.IsSuccessful, $"{info.RegistrationType} must be a public static class.");
    }
}
