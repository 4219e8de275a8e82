using System.Collections.Concurrent;
using Mono.Cecil;
using NetArchTest.Rules;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// The one NetArchTest custom rule, and the only code here that uses Mono.Cecil (NetArchTest hands a
/// custom rule a Cecil <see cref="TypeDefinition"/>). NetArchTest's own <c>HaveDependencyOn</c> matches
/// namespace prefixes, so <c>GccSaaS.Modules.Customers</c> also matches
/// <c>GccSaaS.Modules.Customers.Contracts</c>, and a module's Razor pages (namespace
/// <c>AspNetCoreGeneratedDocument</c>) match neither. This rule decides by the assembly that defines each
/// type a type uses (the reference's scope) and the used type's full name.
/// </summary>
/// <remarks>
/// A type meets the rule when nothing it declares or does uses a forbidden type: base type, interfaces,
/// generic constraints, fields, properties, events, method signatures and overrides, local variables,
/// caught exceptions, every type, method and field an instruction names (with their signatures and
/// generic arguments), and custom attributes with their <c>typeof</c> arguments. NetArchTest lists
/// compiler-generated nested types (lambdas' closures, async and iterator state machines) under no name
/// of their own, so the rule walks them as part of the type that contains them.
/// </remarks>
/// <param name="isForbidden">Whether a use breaks the rule: (defining assembly name, full type name).</param>
public sealed class AssemblyDependencyRule(Func<string, string, bool> isForbidden) : ICustomRule
{
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> usesByType = new(StringComparer.Ordinal);

    /// <summary>The forbidden uses found in a failing type (by its full name), one line each: what uses which type from where.</summary>
    public IReadOnlyList<string> UsesBy(string typeFullName) =>
        usesByType.TryGetValue(typeFullName, out var uses) ? uses : [];

    public bool MeetsRule(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var forbidden = Uses(type)
            .Where(u => isForbidden(u.Assembly, u.Type))
            .Select(u => $"{u.User} uses {u.Type} from {u.Assembly}.")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (forbidden.Count > 0)
        {
            usesByType[type.FullName] = forbidden;
        }

        return forbidden.Count == 0;
    }

    private sealed record Use(string User, string Type, string Assembly);

    /// <summary>The assembly a type comes from, or null when it is defined in the module being read.</summary>
    private static string? AssemblyOf(TypeReference type) =>
        type.Scope is AssemblyNameReference assembly ? assembly.Name : null;

    private static bool IsCompilerGenerated(TypeDefinition type) =>
        type.CustomAttributes.Any(a => a.AttributeType.FullName == CompilerGenerated);

    /// <summary>The type itself and the compiler-generated types nested in it (with everything nested in those).</summary>
    private static IEnumerable<TypeDefinition> TypeAndGeneratedParts(TypeDefinition type) =>
        type.NestedTypes.Where(IsCompilerGenerated).SelectMany(WithNested).Prepend(type);

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        type.NestedTypes.SelectMany(WithNested).Prepend(type);

    private static List<Use> Uses(TypeDefinition root)
    {
        var uses = new List<Use>();

        void UseType(string user, TypeReference? type)
        {
            foreach (var part in Parts(type))
            {
                if (AssemblyOf(part) is { } assembly)
                {
                    uses.Add(new Use(user, part.FullName, assembly));
                }
            }
        }

        void UseMember(string user, MemberReference? member)
        {
            switch (member)
            {
                case TypeReference type:
                    UseType(user, type);
                    break;
                case MethodReference method:
                    UseType(user, method.DeclaringType);
                    UseType(user, method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        UseType(user, parameter.ParameterType);
                    }

                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            UseType(user, argument);
                        }
                    }

                    break;
                case FieldReference field:
                    UseType(user, field.DeclaringType);
                    UseType(user, field.FieldType);
                    break;
                default:
                    break;
            }
        }

        void UseAttributes(string user, ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                UseMember(user, attribute.Constructor);
                foreach (var typeArgument in AttributeValues(attribute).OfType<TypeReference>())
                {
                    UseType(user, typeArgument);
                }
            }
        }

        foreach (var type in TypeAndGeneratedParts(root))
        {
            UseAttributes(type.FullName, type);
            UseType(type.FullName, type.BaseType);
            foreach (var implemented in type.Interfaces)
            {
                UseType(type.FullName, implemented.InterfaceType);
            }

            foreach (var parameter in type.GenericParameters)
            {
                UseAttributes($"{type.FullName} generic parameter {parameter.Name}", parameter);
                foreach (var constraint in parameter.Constraints)
                {
                    UseType(type.FullName, constraint.ConstraintType);
                }
            }

            foreach (var field in type.Fields)
            {
                UseAttributes(field.FullName, field);
                UseType(field.FullName, field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                UseAttributes(property.FullName, property);
                UseType(property.FullName, property.PropertyType);
            }

            foreach (var @event in type.Events)
            {
                UseAttributes(@event.FullName, @event);
                UseType(@event.FullName, @event.EventType);
            }

            foreach (var method in type.Methods)
            {
                UseAttributes(method.FullName, method);
                UseAttributes($"{method.FullName} return value", method.MethodReturnType);
                UseType(method.FullName, method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    UseAttributes($"{method.FullName} parameter {parameter.Name}", parameter);
                    UseType(method.FullName, parameter.ParameterType);
                }

                foreach (var parameter in method.GenericParameters)
                {
                    UseAttributes($"{method.FullName} generic parameter {parameter.Name}", parameter);
                    foreach (var constraint in parameter.Constraints)
                    {
                        UseType(method.FullName, constraint.ConstraintType);
                    }
                }

                foreach (var @override in method.Overrides)
                {
                    UseMember(method.FullName, @override);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var variable in method.Body.Variables)
                {
                    UseType(method.FullName, variable.VariableType);
                }

                foreach (var handler in method.Body.ExceptionHandlers)
                {
                    UseType(method.FullName, handler.CatchType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    UseMember(method.FullName, instruction.Operand as MemberReference);
                }
            }
        }

        return uses;
    }

    /// <summary>The decoded argument values of an attribute (positional and named), arrays flattened.</summary>
    private static IEnumerable<object?> AttributeValues(CustomAttribute attribute) =>
        attribute.ConstructorArguments
            .Concat(attribute.Fields.Select(f => f.Argument))
            .Concat(attribute.Properties.Select(p => p.Argument))
            .SelectMany(Flatten);

    private static IEnumerable<object?> Flatten(CustomAttributeArgument argument) =>
        argument.Value switch
        {
            CustomAttributeArgument[] items => items.SelectMany(Flatten),
            CustomAttributeArgument boxed => Flatten(boxed),
            var value => [value],
        };

    /// <summary>The named types a type expression is made of: element types, generic arguments, modifiers.</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference? type) =>
        type switch
        {
            null or GenericParameter => [],
            GenericInstanceType generic => Parts(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Parts)),
            IModifierType modified => Parts(modified.ModifierType).Concat(Parts(modified.ElementType)),
            FunctionPointerType pointer => Parts(pointer.ReturnType).Concat(pointer.Parameters.SelectMany(p => Parts(p.ParameterType))),
            TypeSpecification specification => Parts(specification.ElementType),
            _ => [type],
        };
}
