using System.Reflection;
using GccSaaS.BuildingBlocks.Audit;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Messaging;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.BuildingBlocks.Mediation;

public static class MediatorRegistration
{
    private static readonly Type[] HandlerInterfaces =
    [
        typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>),
        typeof(IRequestValidator<>),
    ];

    /// <summary>
    /// Registers MediatR 5.1.0 once over every composed module (and any extra assemblies, e.g. the
    /// host's), with the behaviours in the order logging → validation → transaction → audit.
    /// MediatR 5 has no DI package here, so handlers are found by scanning those assemblies. A module's own
    /// pipeline steps, registered by its <c>Add…Module</c> before this call, run inside these four (innermost).
    /// </summary>
    public static IServiceCollection AddModularMediator(this IServiceCollection services, params Assembly[] extraAssemblies)
    {
        ArgumentNullException.ThrowIfNull(services);
        var catalog = services.GetModuleCatalog();
        var registry = services.GetOrAddSingletonInstance(() => new NotificationTypeRegistry());
        var assemblies = catalog.Modules
            .SelectMany(m => new[] { m.Implementation, m.Contracts })
            .Append(typeof(MediatorRegistration).Assembly)
            .Concat(extraAssemblies)
            .Distinct()
            .ToList();

        foreach (var assembly in assemblies)
        {
            registry.Register(assembly);
            foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
            {
                foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
                {
                    services.AddTransient(contract, type);
                }
            }
        }

        services.AddScoped<ServiceFactory>(sp => sp.GetService);
        services.AddScoped<IMediator, Mediator>();
        services.TryAddScoped<PlatformAuditSubject>();
        var moduleSteps = services.Where(d => d.ServiceType == typeof(IPipelineBehavior<,>)).ToList();
        foreach (var step in moduleSteps)
        {
            services.Remove(step);
        }

        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(TransactionBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        foreach (var step in moduleSteps)
        {
            services.Add(step);
        }

        return services;
    }

    internal static T GetOrAddSingletonInstance<T>(this IServiceCollection services, Func<T> create)
        where T : class
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(T) && d.ImplementationInstance is T)?.ImplementationInstance is T existing)
        {
            return existing;
        }

        var created = create();
        services.AddSingleton(created);
        return created;
    }

    internal static ModuleCatalog GetModuleCatalog(this IServiceCollection services) =>
        services.GetOrAddSingletonInstance(() => new ModuleCatalog());
}
