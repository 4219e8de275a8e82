using Mono.Cecil;
using Mono.Cecil.Cil;

namespace GccSaaS.ArchitectureTests;

/// <summary>A place in an assembly (type, member, attribute) that uses a type defined in another assembly.</summary>
public sealed record TypeUsage(string User, string Type, string Assembly);

/// <summary>A string literal in an assembly and where it appears.</summary>
public sealed record StringLiteral(string Owner, string Value);

/// <summary>Walks a Cecil module: which types it uses from where, which strings it holds, which types it exposes.</summary>
public static class Metadata
{
    /// <summary>The assembly a type comes from, or null when it is defined in the module itself.</summary>
    public static string? AssemblyOf(TypeReference type) =>
        type.Scope is AssemblyNameReference assembly ? assembly.Name : null;

    /// <summary>Every type in the module, nested ones included, compiler-generated ones included.</summary>
    public static IEnumerable<TypeDefinition> AllTypes(ModuleDefinition module) =>
        module.Types.SelectMany(WithNested);

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(WithNested));

    /// <summary>
    /// Visible outside the assembly: public at the top level, or nested public/protected inside a type
    /// that is itself visible. A public class nested in an internal one is not visible.
    /// </summary>
    public static bool IsEffectivelyPublic(TypeDefinition type) =>
        type.IsNested
            ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly)
              && IsEffectivelyPublic(type.DeclaringType)
            : type.IsPublic;

    /// <summary><c>&lt;Module&gt;</c>, closures, state machines, anonymous types, embedded attributes.</summary>
    public static bool IsCompilerGenerated(TypeDefinition type) =>
        type.Name.StartsWith('<')
        || type.CustomAttributes.Any(a =>
            a.AttributeType.FullName == "System.Runtime.CompilerServices.CompilerGeneratedAttribute")
        || (type.DeclaringType is { } declaring && IsCompilerGenerated(declaring));

    /// <summary>Every use of a type from another assembly, with the type or member that uses it.</summary>
    public static IEnumerable<TypeUsage> TypeUsages(ModuleDefinition module)
    {
        var usages = new List<TypeUsage>();

        void Use(string user, TypeReference? type)
        {
            foreach (var part in Parts(type))
            {
                if (AssemblyOf(part) is { } assembly)
                {
                    usages.Add(new TypeUsage(user, part.FullName, assembly));
                }
            }
        }

        void UseMember(string user, MemberReference? member)
        {
            switch (member)
            {
                case TypeReference type:
                    Use(user, type);
                    break;
                case MethodReference method:
                    Use(user, method.DeclaringType);
                    Use(user, method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        Use(user, parameter.ParameterType);
                    }

                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Use(user, argument);
                        }
                    }

                    break;
                case FieldReference field:
                    Use(user, field.DeclaringType);
                    Use(user, field.FieldType);
                    break;
                default:
                    break;
            }
        }

        foreach (var (owner, provider) in AttributeProviders(module))
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                UseMember(owner, attribute.Constructor);
                foreach (var value in AttributeValues(attribute))
                {
                    if (value is TypeReference typeArgument)
                    {
                        Use(owner, typeArgument);
                    }
                }
            }
        }

        foreach (var type in AllTypes(module))
        {
            Use(type.FullName, type.BaseType);
            foreach (var implemented in type.Interfaces)
            {
                Use(type.FullName, implemented.InterfaceType);
            }

            foreach (var constraint in type.GenericParameters.SelectMany(p => p.Constraints))
            {
                Use(type.FullName, constraint.ConstraintType);
            }

            foreach (var field in type.Fields)
            {
                Use(field.FullName, field.FieldType);
            }

            foreach (var property in type.Properties)
            {
                Use(property.FullName, property.PropertyType);
            }

            foreach (var @event in type.Events)
            {
                Use(@event.FullName, @event.EventType);
            }

            foreach (var method in type.Methods)
            {
                Use(method.FullName, method.ReturnType);
                foreach (var parameter in method.Parameters)
                {
                    Use(method.FullName, parameter.ParameterType);
                }

                foreach (var constraint in method.GenericParameters.SelectMany(p => p.Constraints))
                {
                    Use(method.FullName, constraint.ConstraintType);
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
                    Use(method.FullName, variable.VariableType);
                }

                foreach (var handler in method.Body.ExceptionHandlers)
                {
                    Use(method.FullName, handler.CatchType);
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    UseMember(method.FullName, instruction.Operand as MemberReference);
                }
            }
        }

        return usages;
    }

    /// <summary>
    /// Every string the compiled code carries: <c>ldstr</c> operands in method bodies (lambdas and async
    /// state machines included, and <c>const</c> values used in code, which the compiler inlines),
    /// constant field and parameter default values, and string arguments of custom attributes.
    /// </summary>
    public static IEnumerable<StringLiteral> StringLiterals(ModuleDefinition module)
    {
        foreach (var type in AllTypes(module))
        {
            foreach (var field in type.Fields.Where(f => f.HasConstant && f.Constant is string))
            {
                yield return new StringLiteral(field.FullName, (string)field.Constant);
            }

            foreach (var method in type.Methods)
            {
                foreach (var parameter in method.Parameters.Where(p => p.HasConstant && p.Constant is string))
                {
                    yield return new StringLiteral($"{method.FullName} parameter {parameter.Name}", (string)parameter.Constant);
                }

                if (!method.HasBody)
                {
                    continue;
                }

                foreach (var instruction in method.Body.Instructions)
                {
                    if (instruction.OpCode == OpCodes.Ldstr && instruction.Operand is string value)
                    {
                        yield return new StringLiteral(method.FullName, value);
                    }
                }
            }
        }

        foreach (var (owner, provider) in AttributeProviders(module))
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                foreach (var value in AttributeValues(attribute).OfType<string>())
                {
                    yield return new StringLiteral($"[{attribute.AttributeType.Name}] on {owner}", value);
                }
            }
        }
    }

    /// <summary>Everything that can carry custom attributes, with a readable name for messages.</summary>
    private static IEnumerable<(string Owner, ICustomAttributeProvider Provider)> AttributeProviders(ModuleDefinition module)
    {
        yield return ($"assembly {module.Assembly.Name.Name}", module.Assembly);
        yield return ($"module {module.Name}", module);
        foreach (var type in AllTypes(module))
        {
            yield return (type.FullName, type);
            foreach (var parameter in type.GenericParameters)
            {
                yield return ($"{type.FullName} generic parameter {parameter.Name}", parameter);
            }

            foreach (var field in type.Fields)
            {
                yield return (field.FullName, field);
            }

            foreach (var property in type.Properties)
            {
                yield return (property.FullName, property);
            }

            foreach (var @event in type.Events)
            {
                yield return (@event.FullName, @event);
            }

            foreach (var method in type.Methods)
            {
                yield return (method.FullName, method);
                yield return ($"{method.FullName} return value", method.MethodReturnType);
                foreach (var parameter in method.Parameters)
                {
                    yield return ($"{method.FullName} parameter {parameter.Name}", parameter);
                }

                foreach (var parameter in method.GenericParameters)
                {
                    yield return ($"{method.FullName} generic parameter {parameter.Name}", parameter);
                }
            }
        }
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
