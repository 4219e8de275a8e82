using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Tenancy;

/// <summary>One way of finding the tenant of an HTTP request (Finbuckle's "strategy").</summary>
public interface ITenantResolutionStrategy
{
    /// <summary>The tenant identifier or id the request names, or null when this strategy does not apply.</summary>
    Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store);
}

/// <summary>Portal URLs carry the tenant as their first path segment: <c>/{tenant}/…</c>.</summary>
public sealed class RouteTenantResolutionStrategy : ITenantResolutionStrategy
{
    public async Task<TenantInfo?> ResolveAsync(HttpContext context, ITenantLookup store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        var path = context.Request.Path.Value;
        if (string.IsNullOrEmpty(path) || path.Length < 2)
        {
            return null;
        }

        var end = path.IndexOf('/', 1);
        var segment = end < 0 ? path[1..] : path[1..end];
        if (TenantIdentifier.Reserved.Contains(segment) || !TenantIdentifier.IsValid(segment.ToLowerInvariant()))
        {
            return null;
        }

        var tenant = await store.FindByIdentifierAsync(segment, context.RequestAborted);
        if (tenant is not null)
        {
            context.Items[TenantResolutionMiddleware.RouteTenantKey] = segment;
        }

        return tenant;
    }
}

/// <summary>
/// Resolves the tenant before authentication and holds it in the AsyncLocal accessor for the rest of the
/// request. Strategies run in registration order; the first that names a tenant wins. An inactive tenant
/// resolves to nothing, so its data cannot be reached. Whether the signed-in user may enter the tenant
/// is checked after authentication (a tenant the user has no membership in answers 404). Lookups go through the
/// host's <see cref="TenantResolutionCache"/>.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next)
{
    public const string RouteTenantKey = "gccsaas.route-tenant";

    public async Task InvokeAsync(
        HttpContext context, IEnumerable<ITenantResolutionStrategy> strategies, ITenantStore tenants, TenantResolutionCache cache, ITenantContextAccessor accessor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cache);
        var store = cache.Over(tenants);
        TenantInfo? tenant = null;
        foreach (var strategy in strategies)
        {
            tenant = await strategy.ResolveAsync(context, store);
            if (tenant is not null)
            {
                break;
            }
        }

        if (tenant is not { IsActive: true })
        {
            await next(context);
            return;
        }

        context.Features.Set(new TenantFeature(tenant));
        using (accessor.BeginScope(tenant))
        {
            await next(context);
        }
    }
}

/// <summary>The request's resolved tenant, for code that has the HttpContext.</summary>
public sealed record TenantFeature(TenantInfo Tenant);

public static class TenantHttpContextExtensions
{
    public static TenantInfo? GetTenant(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TenantFeature>()?.Tenant;
    }

    /// <summary>Adds a strategy; they run in the order added.</summary>
    public static IServiceCollection AddTenantResolutionStrategy<TStrategy>(this IServiceCollection services)
        where TStrategy : class, ITenantResolutionStrategy
    {
        services.AddSingleton<ITenantResolutionStrategy, TStrategy>();
        return services;
    }
}
