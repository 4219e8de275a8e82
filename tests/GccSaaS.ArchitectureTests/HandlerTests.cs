using GccSaaS.BuildingBlocks.Messaging;
using MediatR;
using NetArchTest.Rules;

namespace GccSaaS.ArchitectureTests;

/// <summary>
/// Rule 8: MediatR handlers (<c>IRequestHandler&lt;,&gt;</c>, <c>INotificationHandler&lt;&gt;</c>) are
/// internal and sealed: a module's handlers are reached through the mediator only, and nothing derives
/// from them. The Identity and Notifications parts of the host follow the same rule.
/// </summary>
public class HandlerTests
{
    public static TheoryData<string> Modules => Architecture.ModuleNames;

    [Theory]
    [MemberData(nameof(Modules))]
    public void Module_handlers_are_internal_and_sealed(string module) =>
        AssertHandlersAreInternalAndSealed(Architecture.Module(module).ImplementationAssembly);

    [Fact]
    public void Host_handlers_are_internal_and_sealed() =>
        AssertHandlersAreInternalAndSealed(Architecture.HostAssembly);

    /// <summary>
    /// NetArchTest's <c>ImplementInterface</c> sees only the interfaces a class declares itself, so a
    /// handler that gets <c>INotificationHandler&lt;&gt;</c> from a base class is selected by that base class.
    /// </summary>
    private static PredicateList Handlers(string assembly) =>
        Architecture.TypesIn(assembly)
            .That().ImplementInterface(typeof(IRequestHandler<,>))
            .Or().ImplementInterface(typeof(INotificationHandler<>))
            .Or().Inherit(typeof(IdempotentNotificationHandler<,>));

    private static void AssertHandlersAreInternalAndSealed(string assembly)
    {
        var handlers = Handlers(assembly);

        // The selection must hold every handler the mediator will register (reflection sees inherited interfaces).
        var selected = handlers.GetTypes().Select(t => t.FullName).ToHashSet(StringComparer.Ordinal);
        var missed = AssemblyReflection.AllTypes(Architecture.Load(assembly))
            .Where(IsHandler)
            .Where(t => !selected.Contains(t.FullName))
            .Select(t => $"{t.FullName} is a handler that {nameof(Handlers)} does not select; add its base class there.");

        var exposed = (handlers.Should().NotBePublic().GetResult().FailingTypeNames ?? [])
            .Select(t => $"{t} is public; make it internal.");
        var open = (handlers.Should().BeSealed().GetResult().FailingTypeNames ?? [])
            .Select(t => $"{t} is not sealed.");

        var violations = missed.Concat(exposed).Concat(open).ToList();
        Assert.True(violations.Count == 0, Architecture.Report(
            $"MediatR handlers in {assembly} must be internal and sealed:", violations));
    }

    private static bool IsHandler(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType
            && (i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || i.GetGenericTypeDefinition() == typeof(INotificationHandler<>)));
}
