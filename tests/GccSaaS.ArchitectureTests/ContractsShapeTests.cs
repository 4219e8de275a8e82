using Mono.Cecil;

namespace GccSaaS.ArchitectureTests;

/// <summary>Rule 5: Contracts are immutable sealed records, enums, interfaces or static classes of constants.</summary>
public class ContractsShapeTests
{
    private const string IsExternalInit = "System.Runtime.CompilerServices.IsExternalInit";

    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_public_types_are_sealed_records_enums_or_interfaces(string module)
    {
        var info = Architecture.Module(module);
        using var definition = Architecture.Read(info.ContractsAssembly);

        var violations = PublicTypes(definition)
            .Select(t => (Type: t, Problem: ShapeProblem(t)))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.Type.FullName} {x.Problem}.")
            .ToList();

        Assert.True(violations.Count == 0,
            $"Public types of {info.ContractsAssembly} must be sealed records, enums or interfaces:"
            + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_public_members_are_immutable(string module)
    {
        var info = Architecture.Module(module);
        using var definition = Architecture.Read(info.ContractsAssembly);

        var violations = new List<string>();
        foreach (var type in PublicTypes(definition).Where(t => !t.IsEnum))
        {
            foreach (var property in type.Properties)
            {
                if (property.SetMethod is { } setter && IsVisible(setter) && !IsInitOnly(setter))
                {
                    violations.Add($"{property.FullName} has a public setter; use init.");
                }
            }

            foreach (var field in type.Fields)
            {
                if ((field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsInitOnly && !field.IsLiteral)
                {
                    violations.Add($"{field.FullName} is a public writable field.");
                }
            }
        }

        Assert.True(violations.Count == 0,
            $"Contracts of {module} must be immutable:" + Environment.NewLine + string.Join(Environment.NewLine, violations));
    }

    private static IEnumerable<TypeDefinition> PublicTypes(ModuleDefinition definition) =>
        Metadata.AllTypes(definition)
            .Where(t => !Metadata.IsCompilerGenerated(t))
            .Where(Metadata.IsEffectivelyPublic);

    private static string? ShapeProblem(TypeDefinition type)
    {
        if (type.IsInterface || type.IsEnum)
        {
            return null;
        }

        if (type.IsValueType)
        {
            return "is a struct";
        }

        if (type.BaseType?.FullName == "System.MulticastDelegate")
        {
            return "is a delegate";
        }

        if (type.IsAbstract && type.IsSealed)
        {
            // Named values shared by both sides (qualification names, codes) are fine; behaviour is not.
            var onlyConstants = type.Methods.All(m => m.IsConstructor && m.IsStatic)
                && type.Fields.All(f => f.IsLiteral || (f.IsStatic && f.IsInitOnly))
                && type.Properties.Count == 0;
            return onlyConstants ? null : "is a static class with members other than constants";
        }

        if (!type.IsSealed)
        {
            return "is not sealed";
        }

        // A record class has a compiler-synthesised clone method named <Clone>$.
        return type.Methods.Any(m => m.Name == "<Clone>$") ? null : "is a class but not a record";
    }

    private static bool IsVisible(MethodDefinition method) =>
        method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    /// <summary>An init accessor's return type carries <c>modreq(IsExternalInit)</c>.</summary>
    private static bool IsInitOnly(MethodDefinition setter) =>
        setter.ReturnType is RequiredModifierType modified && modified.ModifierType.FullName == IsExternalInit;
}
