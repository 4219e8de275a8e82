using System.Collections.ObjectModel;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace GccSaaS.ArchitectureTests;

/// <summary>A place in an assembly (attribute, type, member) that uses a type defined in another assembly.</summary>
public sealed record TypeUse(string User, string Type, string Assembly);

/// <summary>A string literal in an assembly and where it appears.</summary>
public sealed record StringLiteral(string Owner, string Value);

/// <summary>
/// What the rules read with plain reflection (System.Reflection over the loaded assemblies), where a
/// NetArchTest predicate has no word for it: which types are visible outside the assembly, which are
/// compiler-generated, which strings the code carries, and what assembly-level attributes use.
/// </summary>
public static class AssemblyReflection
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>IL opcodes by their value, to walk a method body's instructions.</summary>
    private static readonly Dictionary<short, OpCode> OpCodesByValue =
        typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<OpCode>()
            .ToDictionary(o => o.Value);

    /// <summary>Every type in the assembly, nested ones included, compiler-generated ones included.</summary>
    public static IReadOnlyList<Type> AllTypes(Assembly assembly) => assembly.GetTypes();

    /// <summary>
    /// Visible outside the assembly: public at the top level, or nested public/protected inside a type
    /// that is itself visible. A public class nested in an internal one is not visible.
    /// </summary>
    public static bool IsEffectivelyPublic(Type type) =>
        type.IsNested
            ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem)
              && type.DeclaringType is { } declaring && IsEffectivelyPublic(declaring)
            : type.IsPublic;

    /// <summary><c>&lt;Module&gt;</c>, closures, state machines, anonymous types, embedded attributes.</summary>
    public static bool IsCompilerGenerated(Type type) =>
        type.Name.StartsWith('<')
        || type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || (type.DeclaringType is { } declaring && IsCompilerGenerated(declaring));

    /// <summary>
    /// Types from other assemblies used by the assembly's and its module's own attributes: the attribute
    /// classes and their <c>typeof</c> arguments. These belong to no type, so no type rule sees them.
    /// </summary>
    public static IEnumerable<TypeUse> AssemblyLevelTypeUses(Assembly assembly)
    {
        var owners = new[]
        {
            ($"assembly {assembly.GetName().Name}", assembly.GetCustomAttributesData()),
            ($"module {assembly.ManifestModule.Name}", assembly.ManifestModule.GetCustomAttributesData()),
        };

        foreach (var (owner, attributes) in owners)
        {
            foreach (var attribute in attributes)
            {
                var used = Values(attribute).OfType<Type>().Prepend(attribute.AttributeType).SelectMany(Parts);
                foreach (var type in used.Where(t => t.Assembly != assembly))
                {
                    yield return new TypeUse($"[{attribute.AttributeType.Name}] on {owner}", type.FullName ?? type.Name, type.Assembly.GetName().Name ?? string.Empty);
                }
            }
        }
    }

    /// <summary>
    /// Every string the compiled code carries: <c>ldstr</c> operands in method bodies (lambdas and async
    /// state machines included, and <c>const</c> values used in code, which the compiler inlines),
    /// constant field and parameter default values, and string arguments of custom attributes.
    /// </summary>
    public static IEnumerable<StringLiteral> StringLiterals(Assembly assembly)
    {
        var module = assembly.ManifestModule;
        foreach (var (owner, provider) in AttributeProviders(assembly))
        {
            foreach (var attribute in provider)
            {
                foreach (var value in Values(attribute).OfType<string>())
                {
                    yield return new StringLiteral($"[{attribute.AttributeType.Name}] on {owner}", value);
                }
            }
        }

        var globals = module.GetFields(Declared).Select(f => ($"<Module>::{f.Name}", f));
        var fields = AllTypes(assembly).SelectMany(t => t.GetFields(Declared).Select(f => ($"{t.FullName}::{f.Name}", f)));
        foreach (var (owner, field) in globals.Concat(fields))
        {
            if (field.IsLiteral && field.GetRawConstantValue() is string value)
            {
                yield return new StringLiteral(owner, value);
            }
        }

        foreach (var (owner, method) in Methods(assembly))
        {
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.HasDefaultValue && parameter.RawDefaultValue is string value)
                {
                    yield return new StringLiteral($"{owner} parameter {parameter.Name}", value);
                }
            }

            if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
            {
                foreach (var token in StringTokens(il))
                {
                    yield return new StringLiteral(owner, module.ResolveString(token));
                }
            }
        }
    }

    /// <summary>Every method and constructor (static ones and global functions included), named for messages.</summary>
    private static IEnumerable<(string Owner, MethodBase Method)> Methods(Assembly assembly)
    {
        foreach (var method in assembly.ManifestModule.GetMethods(Declared))
        {
            yield return ($"<Module>::{method.Name}", method);
        }

        foreach (var type in AllTypes(assembly))
        {
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                yield return ($"{type.FullName}::{method.Name}", method);
            }
        }
    }

    /// <summary>The metadata tokens of the strings that <c>ldstr</c> instructions in an IL body load.</summary>
    private static List<int> StringTokens(byte[] il)
    {
        var tokens = new List<int>();
        var position = 0;
        while (position < il.Length)
        {
            var value = il[position] == 0xFE && position + 1 < il.Length
                ? unchecked((short)((il[position] << 8) | il[position + 1]))
                : il[position];
            if (!OpCodesByValue.TryGetValue(value, out var opCode))
            {
                throw new InvalidOperationException($"Unknown IL opcode 0x{value:X} at offset {position}.");
            }

            position += opCode.Size;
            if (opCode == OpCodes.Ldstr)
            {
                tokens.Add(BitConverter.ToInt32(il, position));
            }

            position += opCode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
        }

        return tokens;
    }

    /// <summary>Everything that can carry custom attributes, with a readable name for messages.</summary>
    private static IEnumerable<(string Owner, IList<CustomAttributeData> Attributes)> AttributeProviders(Assembly assembly)
    {
        yield return ($"assembly {assembly.GetName().Name}", assembly.GetCustomAttributesData());
        yield return ($"module {assembly.ManifestModule.Name}", assembly.ManifestModule.GetCustomAttributesData());
        foreach (var type in AllTypes(assembly))
        {
            yield return (type.FullName ?? type.Name, type.GetCustomAttributesData());
            if (type.IsGenericTypeDefinition)
            {
                foreach (var parameter in type.GetGenericArguments())
                {
                    yield return ($"{type.FullName} generic parameter {parameter.Name}", parameter.GetCustomAttributesData());
                }
            }

            foreach (var member in type.GetFields(Declared).Cast<MemberInfo>()
                         .Concat(type.GetProperties(Declared))
                         .Concat(type.GetEvents(Declared)))
            {
                yield return ($"{type.FullName}::{member.Name}", member.GetCustomAttributesData());
            }

            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                var owner = $"{type.FullName}::{method.Name}";
                yield return (owner, method.GetCustomAttributesData());
                if (method is MethodInfo { ReturnParameter: { } returned })
                {
                    yield return ($"{owner} return value", returned.GetCustomAttributesData());
                }

                foreach (var parameter in method.GetParameters())
                {
                    yield return ($"{owner} parameter {parameter.Name}", parameter.GetCustomAttributesData());
                }

                if (method.IsGenericMethodDefinition)
                {
                    foreach (var parameter in method.GetGenericArguments())
                    {
                        yield return ($"{owner} generic parameter {parameter.Name}", parameter.GetCustomAttributesData());
                    }
                }
            }
        }
    }

    /// <summary>The decoded argument values of an attribute (positional and named), arrays flattened.</summary>
    private static IEnumerable<object?> Values(CustomAttributeData attribute) =>
        attribute.ConstructorArguments
            .Concat(attribute.NamedArguments.Select(a => a.TypedValue))
            .SelectMany(Flatten);

    private static IEnumerable<object?> Flatten(CustomAttributeTypedArgument argument) =>
        argument.Value switch
        {
            ReadOnlyCollection<CustomAttributeTypedArgument> items => items.SelectMany(Flatten),
            var value => [value],
        };

    /// <summary>The named types a type expression is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Parts(Type type) =>
        type switch
        {
            { IsGenericParameter: true } => [],
            { HasElementType: true } => type.GetElementType() is { } element ? Parts(element) : [],
            { IsConstructedGenericType: true } => Parts(type.GetGenericTypeDefinition()).Concat(type.GetGenericArguments().SelectMany(Parts)),
            _ => [type],
        };
}
