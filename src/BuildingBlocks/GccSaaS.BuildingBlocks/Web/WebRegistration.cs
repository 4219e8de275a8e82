using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Web;

public static class WebRegistration
{
    /// <summary>
    /// What the Partner Center conventions need at run time: continuation token encryption, the problem
    /// answer for <see cref="ApiProblemException"/> and for binding failures, and the <c>MS-RequestId</c> store
    /// (its platform schema, its options from <c>Idempotency</c>, and its sweep of expired records).
    /// </summary>
    public static IServiceCollection AddPartnerCenterConventions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddDataProtection();
        services.AddIdempotentRequestStore();
        services.TryAddSingleton<ContinuationTokenCodec>();
        services.AddExceptionHandler<ApiProblemExceptionHandler>();
        services.AddExceptionHandler<BindingFailureExceptionHandler>();
        // Binding failures reach the one handler above in every environment (by default only Development throws;
        // elsewhere the framework answers a bare 400 that names nothing).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // The input gate refuses duplicate keys first; this keeps the serializer honest should a body bypass it.
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.AllowDuplicateProperties = false);
        return services;
    }

    /// <summary>
    /// The portal's input gate for every page (<see cref="PortalInputFilter"/>, the messages beside fields) and the
    /// request limits: 2 MB for one form value (so a long value is answered beside its field), 4 MB for any body.
    /// </summary>
    public static IServiceCollection AddPortalInputRules(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add<PortalInputFilter>();
            // Pages leave "required" to their commands' own rules (with real messages); model state then holds only
            // values of the wrong kind, which the filter refuses. A non-nullable string is not implicitly required.
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        });
        services.Configure<FormOptions>(o =>
        {
            o.ValueLengthLimit = InputLimits.MaxFormValueBytes;
            o.MultipartBodyLengthLimit = InputLimits.MaxRequestBodyBytes;
        });
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = InputLimits.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>
    /// The <c>MS-RequestId</c> records: <see cref="IdempotencyDbContext"/> on the platform's data source with the tenant
    /// interceptor (every statement commits on its own), migrated as a platform schema, and swept per tenant every
    /// <c>Idempotency:SweepInterval</c>.
    /// </summary>
    private static void AddIdempotentRequestStore(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>().BindConfiguration("Idempotency");
        services.AddDbContextPool<IdempotencyDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>(), o => o.MigrationsHistoryTable("__EFMigrationsHistory", IdempotencyDbContext.SchemaName))
            .AddInterceptors(sp.GetRequiredService<TenantCommandInterceptor>()));
        services.AddPlatformSchema<IdempotencyDbContext>(IdempotencyDbContext.SchemaName);
        services.TryAddSingleton<IIdempotentRequestStore, PostgresIdempotentRequestStore>();
        services.TryAddSingleton<PostgresPlatformIdempotentRequestStore>();
        services.AddSweepJob<IdempotentRequestSweepJob>(
            IdempotentRequestSweepJob.Name,
            sp => sp.GetRequiredService<IOptions<IdempotencyOptions>>().Value.SweepInterval);
    }

    /// <summary>After authentication and authorization, before any <c>/v1</c> endpoint: the input gate (<see cref="ApiInputGuardMiddleware"/>).</summary>
    public static IApplicationBuilder UseApiInputGuard(this IApplicationBuilder app) => app.UseMiddleware<ApiInputGuardMiddleware>();
}
