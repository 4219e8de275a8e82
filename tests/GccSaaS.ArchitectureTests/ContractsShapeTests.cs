using System.Reflection;
using System.Runtime.CompilerServices;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 5: Contracts are immutable sealed records, enums, interfaces or static classes of constants.
/// NetArchTest has no word for a record or an <c>init</c> accessor (its <c>BeImmutable</c> takes
/// <c>init</c> for a setter), so reflection reads the shapes.
/// </summary>
public class ContractsShapeTests
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_public_types_are_sealed_records_enums_or_interfaces(string module)
    {
        var info = Architecture.Module(module);

        var violations = PublicTypes(info.ContractsAssembly)
            .Select(t => (Type: t, Problem: ShapeProblem(t)))
            .Where(x => x.Problem is not null)
            .Select(x => $"{x.Type.FullName} {x.Problem}.")
            .ToList();

        Assert.True(violations.Count == 0, Architecture.Report(
            $"Public types of {info.ContractsAssembly} must be sealed records, enums or interfaces:", violations));
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_public_members_are_immutable(string module)
    {
        var info = Architecture.Module(module);

        var violations = new List<string>();
        foreach (var type in PublicTypes(info.ContractsAssembly).Where(t => !t.IsEnum))
        {
            foreach (var property in type.GetProperties(Declared))
            {
                if (property.SetMethod is { } setter && IsVisible(setter) && !IsInitOnly(setter))
                {
                    violations.Add($"{type.FullName}::{property.Name} has a public setter; use init.");
                }
            }

            foreach (var field in type.GetFields(Declared))
            {
                if ((field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !field.IsInitOnly && !field.IsLiteral)
                {
                    violations.Add($"{type.FullName}::{field.Name} is a public writable field.");
                }
            }
        }

        Assert.True(violations.Count == 0, Architecture.Report($"Contracts of {module} must be immutable:", violations));
    }

    private static IEnumerable<Type> PublicTypes(string assembly) =>
        AssemblyReflection.AllTypes(Architecture.Load(assembly))
            .Where(t => !AssemblyReflection.IsCompilerGenerated(t))
            .Where(AssemblyReflection.IsEffectivelyPublic);

    private static string? ShapeProblem(Type type)
    {
        if (type.IsInterface || type.IsEnum)
        {
            return null;
        }

        if (type.IsValueType)
        {
            return "is a struct";
        }

        if (type.BaseType == typeof(MulticastDelegate))
        {
            return "is a delegate";
        }

        if (type.IsAbstract && type.IsSealed)
        {
            // Named values shared by both sides (qualification names, codes) are fine; behaviour is not.
            var onlyConstants = type.GetMethods(Declared).Length == 0
                && type.GetConstructors(Declared).All(c => c.IsStatic)
                && type.GetFields(Declared).All(f => f.IsLiteral || (f.IsStatic && f.IsInitOnly))
                && type.GetProperties(Declared).Length == 0;
            return onlyConstants ? null : "is a static class with members other than constants";
        }

        if (!type.IsSealed)
        {
            return "is not sealed";
        }

        // A record class has a compiler-synthesised clone method named <Clone>$.
        return type.GetMethod("<Clone>$", Declared) is not null ? null : "is a class but not a record";
    }

    private static bool IsVisible(MethodInfo method) =>
        method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    /// <summary>An init accessor's return type carries <c>modreq(IsExternalInit)</c>.</summary>
    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
