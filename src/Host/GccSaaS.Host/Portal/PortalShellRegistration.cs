using GccSaaS.BuildingBlocks.Security;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Host.Resources;
using Microsoft.AspNetCore.Diagnostics;

namespace GccSaaS.Host.Portal;

/// <summary>The portal shell: navigation by role, the dashboard's own figures, status pages for portal URLs.</summary>
internal static class PortalShellRegistration
{
    public static IHostApplicationBuilder AddPortalShell(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<PortalRoutes>();
        services.AddSingleton<PortalNavigation>();

        // The host's own pages in the navigation: the dashboards and the jobs (each module adds its own links in its registration).
        services.AddPortalLink(new("dashboard", PortalArea.Tenant, "/{tenant}/", typeof(SharedResource), "Nav_Dashboard", 0));
        services.AddPortalLink(new("platform", PortalArea.Platform, "/platform", typeof(SharedResource), "Nav_PlatformHome", 0));
        services.AddPortalLink(new("jobs", PortalArea.Platform, Infrastructure.JobsDashboard.Path, typeof(SharedResource), "Nav_Jobs", 50, [GccSaaSRoles.PlatformAdmin])); // the Hangfire Dashboard
        return builder;
    }

    /// <summary>
    /// Portal URLs answer errors with a localised page; <c>/v1</c> (and the other machine endpoints)
    /// keep problem details (R-PC-10) — never an HTML page there.
    /// </summary>
    public static IApplicationBuilder UsePortalStatusPages(this IApplicationBuilder app)
    {
        app.UseWhen(IsPortalRequest, portal =>
        {
            portal.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = Refusals.StatusOfUnreadableRequest, // the error page shows a 413 as a 413
            });
            portal.UseStatusCodePagesWithReExecute("/error/{0}");
            portal.Use(ForgetTenantOnReExecution);
        });
        app.UseWhen(context => !IsPortalRequest(context), api => api.UseStatusCodePages());
        return app;
    }

    /// <summary>
    /// A re-executed status page belongs to no tenant. Features outlive the re-execution, so the tenant the
    /// refused request resolved would still be there: the page could name it, and membership checks meant
    /// for that tenant's pages would refuse the status page itself (an empty 404 instead of the page).
    /// </summary>
    private static Task ForgetTenantOnReExecution(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            context.Features.Set<TenantFeature>(null);
        }

        return next(context);
    }

    public static bool IsPortalRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return !path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
    }
}
