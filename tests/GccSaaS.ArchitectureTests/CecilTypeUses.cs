using Mono.Cecil;

namespace GccSaaS.ArchitectureTests;

/// <summary>A place in a type (the type, a member, a parameter) that uses another type, as Mono.Cecil reads it.</summary>
public sealed record CecilTypeUse(string User, TypeReference Type);

/// <summary>
/// Everything a type declares or does that uses another type, read from IL with Mono.Cecil (which
/// NetArchTest brings): base type, interfaces, generic constraints, fields, properties, events, method
/// signatures and overrides, local variables, caught exceptions, every type, method and field an
/// instruction names (with their signatures and generic arguments), and custom attributes with their
/// <c>typeof</c> arguments. Used types are split into their named parts (element types, generic
/// arguments, modifiers), so <c>List&lt;OutboxMessage&gt;</c> uses both <c>List`1</c> and <c>OutboxMessage</c>.
/// </summary>
public static class CecilTypeUses
{
    private const string CompilerGenerated = "System.Runtime.CompilerServices.CompilerGeneratedAttribute";

    /// <summary>The assembly a used type comes from, or null when it is defined in the module being read.</summary>
    public static string? AssemblyOf(TypeReference type) =>
        type.Scope is AssemblyNameReference assembly ? assembly.Name : null;

    /// <summary>The namespace of a type, for a nested type that of the type it is nested in (outermost).</summary>
    public static string NamespaceOf(TypeReference type)
    {
        var outermost = type;
        while (outermost.DeclaringType is { } declaring)
        {
            outermost = declaring;
        }

        return outermost.Namespace;
    }

    public static bool IsCompilerGenerated(TypeDefinition type) =>
        type.CustomAttributes.Any(a => a.AttributeType.FullName == CompilerGenerated);

    /// <summary>The type itself and the compiler-generated types nested in it (with everything nested in those).</summary>
    public static IEnumerable<TypeDefinition> TypeAndGeneratedParts(TypeDefinition type) =>
        type.NestedTypes.Where(IsCompilerGenerated).SelectMany(WithNested).Prepend(type);

    /// <summary>The type and every type nested in it, at any depth.</summary>
    public static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        type.NestedTypes.SelectMany(WithNested).Prepend(type);

    /// <summary>What one type definition uses (not the types nested in it: walk those with <see cref="WithNested"/>).</summary>
    public static List<CecilTypeUse> Of(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var uses = new List<CecilTypeUse>();

        void UseType(string user, TypeReference? used)
        {
            uses.AddRange(Parts(used).Select(part => new CecilTypeUse(user, part)));
        }

        void UseMember(string user, MemberReference? member)
        {
            switch (member)
            {
                case TypeReference used:
                    UseType(user, used);
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
