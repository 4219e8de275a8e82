using System.Collections.Concurrent;
using Mono.Cecil;
using NetArchTest.Rules;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// The one NetArchTest custom rule (NetArchTest hands a custom rule a Mono.Cecil <see cref="TypeDefinition"/>;
/// <see cref="CecilTypeUses"/> reads what it uses). NetArchTest's own <c>HaveDependencyOn</c> matches
/// namespace prefixes, so <c>GccSaaS.Modules.Customers</c> also matches
/// <c>GccSaaS.Modules.Customers.Contracts</c>, and a module's Razor pages (namespace
/// <c>AspNetCoreGeneratedDocument</c>) match neither. This rule decides by the assembly that defines each
/// type a type uses (the reference's scope) and the used type's full name.
/// </summary>
/// <remarks>
/// A type meets the rule when nothing it declares or does uses a forbidden type (see
/// <see cref="CecilTypeUses"/> for what counts as a use). NetArchTest lists compiler-generated nested
/// types (lambdas' closures, async and iterator state machines) under no name of their own, so the rule
/// walks them as part of the type that contains them.
/// </remarks>
/// <param name="isForbidden">Whether a use breaks the rule: (defining assembly name, full type name).</param>
public sealed class AssemblyDependencyRule(Func<string, string, bool> isForbidden) : ICustomRule
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> usesByType = new(StringComparer.Ordinal);

    /// <summary>The forbidden uses found in a failing type (by its full name), one line each: what uses which type from where.</summary>
    public IReadOnlyList<string> UsesBy(string typeFullName) =>
        usesByType.TryGetValue(typeFullName, out var uses) ? uses : [];

    public bool MeetsRule(TypeDefinition type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var forbidden = CecilTypeUses.TypeAndGeneratedParts(type)
            .SelectMany(CecilTypeUses.Of)
            .Select(u => (u.User, Type: u.Type.FullName, Assembly: CecilTypeUses.AssemblyOf(u.Type)))
            .Where(u => u.Assembly is not null && isForbidden(u.Assembly, u.Type))
            .Select(u => $"{u.User} uses {u.Type} from {u.Assembly}.")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (forbidden.Count > 0)
        {
            usesByType[type.FullName] = forbidden;
        }

        return forbidden.Count == 0;
    }
}
