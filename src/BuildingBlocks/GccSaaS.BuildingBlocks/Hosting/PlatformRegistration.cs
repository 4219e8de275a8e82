using System.Reflection;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Mediation;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Time;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Hosting;

/// <summary>Registers what every module stands on: tenancy, the database, the outbox, the migrator.</summary>
public static class PlatformRegistration
{
    public static IHostApplicationBuilder AddGccSaaSPlatform(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBusinessCalendar, UsBusinessCalendar>();
        services.TryAddSingleton<ITenantContextAccessor, AsyncLocalTenantContextAccessor>();
        services.AddHttpContextAccessor();
        services.TryAddScoped<ICurrentUserAccessor, HttpContextCurrentUserAccessor>();
        services.TryAddSingleton<TenantCommandInterceptor>();
        services.TryAddSingleton<TenantTransactionInterceptor>();

        // Read lazily: test hosts add their configuration after Program's registrations ran.
        services.TryAddSingleton(sp =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(
                sp.GetRequiredService<IConfiguration>().GetConnectionString("Default")
                ?? throw new InvalidOperationException("ConnectionStrings:Default (the application role) is not configured."));
            // Issue 19: no DISCARD ALL on every return to the pool (a statement per request). Safe because the
            // application keeps no session state: the tenant and the platform path are set transaction-locally in
            // front of every statement (TenantCommandInterceptor), so they end with the statement's transaction
            // (PooledConnectionTests proves a reused connection carries no previous tenant's setting).
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            return dataSource.Build();
        });
        services.TryAddScoped<DatabaseSession>();

        // Pooled (issue 19): a request's tenant lookup no longer builds a DbContext's services. Safe to pool: the
        // context holds no request state, and the data source is the host's.
        services.AddDbContextPool<PlatformDbContext>((sp, options) => options.UseNpgsql(
            sp.GetRequiredService<NpgsqlDataSource>(),
            o => o.MigrationsHistoryTable("__EFMigrationsHistory", PlatformDbContext.Schema)));
        services.TryAddScoped<ITenantStore, PostgresTenantStore>();
        services.AddTenantResolutionStrategy<RouteTenantResolutionStrategy>();
        services.AddOptions<TenancyOptions>().Bind(builder.Configuration.GetSection(TenancyOptions.Section));
        services.TryAddSingleton<TenantResolutionCache>();

        services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Outbox"));
        services.TryAddSingleton<OutboxDispatcher>();
        services.GetModuleCatalog();
        services.GetOrAddSingletonInstance(() => new NotificationTypeRegistry());
        services.AddRolePolicies(GccSaaSPolicies.Roles); // the platform's own; each module's are found in its assembly
        services.AddApiErrorCodes([]); // the API's conventions; each module adds its own table (its [ErrorCodeTable] class)
        services.TryAddSingleton<DatabaseMigrator>();
        return builder;
    }

    /// <summary>
    /// Registers a module from its one description (<see cref="ModuleParts{TContext}"/>): its DbContext (application
    /// role, the scope's shared connection, tenant interceptor, its own history table), its entry in the catalog that the
    /// mediator, the migrator and the outbox sweep walk, its implementation as an application part (a module is a Razor
    /// class library the host's build does not list by itself, so its pages and partials are found that way), and its
    /// refusal texts. What the module's assembly declares by kind is found there: its <c>/v1</c> error codes, its role
    /// policy tables, its demo seed step, its pages' navigation links and its dashboard figures.
    /// </summary>
    public static IHostApplicationBuilder AddModule<TContext>(this IHostApplicationBuilder builder, ModuleParts<TContext> parts)
        where TContext : ModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(parts);
        var services = builder.Services;
        var implementation = parts.Implementation;
        var contracts = parts.Contracts ?? Assembly.Load(new AssemblyName(implementation.GetName().Name + ".Contracts"));
        services.GetModuleCatalog().Add(new ModuleDefinition(parts.Name, parts.Schema, typeof(TContext), implementation, contracts));
        services.AddSessionDbContext<TContext>(parts.Schema);
        services.AddMvcCore().AddApplicationPart(implementation);

        services.AddRefusalTexts(parts.Resource, parts.RefusalTextArguments);
        var declared = implementation.GetTypes();
        services.AddApiErrorCodes(ApiErrorCodes.Of(ErrorCodeTableOf(parts.Name, declared)));
        var types = declared.Where(t => t is { IsClass: true, IsAbstract: false }).ToList(); // the concrete classes
        var policies = new Dictionary<string, IReadOnlyList<string>>(GccSaaSPolicies.Roles, StringComparer.Ordinal);
        foreach (var table in types.Where(t => t.IsAssignableTo(typeof(IRolePolicyTable))))
        {
            var roles = Declared<IReadOnlyDictionary<string, IReadOnlyList<string>>>(nameof(PoliciesOf), table);
            services.AddRolePolicies(roles);
            foreach (var (policy, allowed) in roles)
            {
                policies[policy] = allowed;
            }
        }

        foreach (var type in types)
        {
            if (type.IsAssignableTo(typeof(IDemoSeed)))
            {
                services.AddDemoSeedStep(Declared<DemoSeedStep>(nameof(DemoSeedOf), type));
            }

            if (type.GetCustomAttribute<NavigationLinkAttribute>() is { } link)
            {
                services.AddPortalLink(LinkOf(type, link, parts.Resource, policies));
            }

            if (type.IsAssignableTo(typeof(IDashboardFigures)))
            {
                services.AddScoped(typeof(IDashboardFigures), type);
            }

            if (type.IsAssignableTo(typeof(IPlatformDashboardFigures)))
            {
                services.AddScoped(typeof(IPlatformDashboardFigures), type);
            }
        }

        return builder;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> PoliciesOf<T>()
        where T : IRolePolicyTable => T.Roles;

    private static DemoSeedStep DemoSeedOf<T>()
        where T : IDemoSeed => T.DemoStep;

    /// <summary>What <paramref name="type"/> declares through a static member of its interface (read by <paramref name="reader"/>).</summary>
    private static TResult Declared<TResult>(string reader, Type type) =>
        typeof(PlatformRegistration).GetMethod(reader, BindingFlags.NonPublic | BindingFlags.Static)?.MakeGenericMethod(type).Invoke(null, null) is TResult value
            ? value
            : throw new InvalidOperationException($"{type.FullName} declares no value through {reader}.");

    /// <summary>
    /// The link a page model declares (<see cref="NavigationLinkAttribute"/>), shown to the roles of its policy: the one
    /// the link names, else the page's own <c>[Authorize]</c> policy. A link whose area, policy or roles cannot be told
    /// stops the host at start, rather than offering a page to people it refuses.
    /// </summary>
    private static PortalLink LinkOf(Type page, NavigationLinkAttribute link, Type resource, Dictionary<string, IReadOnlyList<string>> policies)
    {
        var area = link.Template.StartsWith("/platform/", StringComparison.Ordinal) ? PortalArea.Platform
            : link.Template.StartsWith("/{tenant}/", StringComparison.Ordinal) ? PortalArea.Tenant
            : throw new InvalidOperationException($"The navigation link of {page.Name} ({link.Template}) is neither /platform/… nor /{{tenant}}/….");
        var policy = link.Policy
            ?? page.GetCustomAttributes<AuthorizeAttribute>(inherit: true).Select(a => a.Policy).SingleOrDefault(p => p is not null)
            ?? throw new InvalidOperationException($"The page {page.Name} has a navigation link but no [Authorize(Policy = …)] to tell who sees it.");
        return policies.TryGetValue(policy, out var roles)
            ? new PortalLink(link.Key, area, link.Template, link.TextResource ?? resource, link.TextKey, link.Order, roles, link.Group)
            : throw new InvalidOperationException($"The navigation link of {page.Name} names the policy {policy}, which neither the platform nor its module defines.");
    }

    /// <summary>A module's one error-code table: the class of its assembly marked <see cref="ErrorCodeTableAttribute"/>.</summary>
    private static Type ErrorCodeTableOf(string module, IEnumerable<Type> types)
    {
        var tables = types.Where(t => t.IsDefined(typeof(ErrorCodeTableAttribute), inherit: false)).ToList();
        return tables.Count == 1
            ? tables[0]
            : throw new InvalidOperationException($"The module {module} has {tables.Count} error-code tables ([ErrorCodeTable] classes); it needs exactly one.");
    }

    /// <summary>
    /// A DbContext on the scope's <see cref="DatabaseSession"/> with the tenant interceptors and its migrations history
    /// in <paramref name="schema"/>, taken from a pool (issue 19: building a context's services was 8 % of a request's
    /// CPU). The pool's options name no connection; each scope's lease sets its session's (<see cref="DatabaseSession.Lease{TContext}"/>).
    /// Resolve the context itself, never the pool: only a lease ties an instance to its scope's session.
    /// </summary>
    public static IServiceCollection AddSessionDbContext<TContext>(this IServiceCollection services, string schema)
        where TContext : DbContext
    {
        services.AddPooledDbContextFactory<TContext>((sp, options) => options
            .UseNpgsql(o => o.MigrationsHistoryTable("__EFMigrationsHistory", schema))
            .AddTenantInterceptors(sp));
        services.AddScoped(sp => sp.GetRequiredService<DatabaseSession>().Lease(sp.GetRequiredService<IDbContextFactory<TContext>>()));
        return services;
    }

    /// <summary>
    /// The row-level security tenant setting for a DbContext on the scope's session that is not a module context (the
    /// ASP.NET Core Identity store, whose memberships, invitations and API keys are tenant tables, ADR 0021).
    /// </summary>
    public static DbContextOptionsBuilder AddTenantInterceptors(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        return options.AddInterceptors(services.GetRequiredService<TenantCommandInterceptor>(), services.GetRequiredService<TenantTransactionInterceptor>());
    }

    /// <summary>Registers MediatR over every module added so far (call after the modules).</summary>
    public static IHostApplicationBuilder AddModuleMessaging(this IHostApplicationBuilder builder, params Assembly[] extraAssemblies)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddModularMediator(extraAssemblies);
        return builder;
    }
}
