namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 9: a module's domain (<c>GccSaaS.Modules.&lt;M&gt;.Domain</c> and below) holds entities and rules
/// free of HTTP and EF: it depends on neither ASP.NET Core nor EF Core. Here a namespace is the right
/// test (both frameworks span many assemblies, each under one namespace), so NetArchTest's own
/// <c>HaveDependencyOn</c> states it. A module without a domain namespace passes.
/// </summary>
public class DomainDependencyTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    private static readonly string[] Frameworks = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore"];

    [Theory]
    [MemberData(nameof(Modules))]
    public void Domain_does_not_depend_on_ASP_NET_Core_or_EF_Core(string module)
    {
        var info = Architecture.Module(module);
        var domain = $"{info.ImplementationAssembly}.Domain";

        // One check per framework, so that each failure names the dependency as well as the type.
        // The trailing dot keeps GccSaaS.Modules.X.DomainNames out; nested types' full names have it too.
        var violations = Frameworks
            .SelectMany(framework => (Architecture.TypesIn(info.ImplementationAssembly)
                    .That().ResideInNamespace(domain + ".")
                    .ShouldNot().HaveDependencyOn(framework)
                    .GetResult().FailingTypeNames ?? [])
                .Select(type => $"{type} depends on {framework}."))
            .ToList();

        Assert.True(violations.Count == 0, Architecture.Report(
            $"The domain of {module} ({domain}) must not depend on ASP.NET Core or EF Core:", violations));
    }
}
