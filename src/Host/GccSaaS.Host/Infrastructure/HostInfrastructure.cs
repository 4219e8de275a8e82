using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using GccSaaS.Host.Localization;
using GccSaaS.Host.Portal;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GccSaaS.Host.Infrastructure;

internal static class HostInfrastructure
{
    public static IHostApplicationBuilder AddHostInfrastructure(this IHostApplicationBuilder builder)
    {
        builder.AddHttpHygiene();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddOpenApi("v1");
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<PlatformDbContext>("database", tags: ["ready"])
            .AddSchedulerCheck("scheduler", "ready");
        builder.Services.AddPortalLocalization();
        // The middleware below needs these; the identity area adds the schemes and the named policies.
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        builder.Services.AddRazorPages().AddViewLocalization().AddDataAnnotationsLocalization();
        builder.Services.AddPortalInputRules();
        return builder;
    }

    public static WebApplication UseHostInfrastructure(this WebApplication app)
    {
        app.UseHttpHygiene();
        app.UseCorrelationId();
        app.UseExceptionHandler();
        app.UsePortalStatusPages();
        // A database outage answers 503 with Retry-After (issue 18), before the handlers above would make it a 500.
        app.UseDatabaseOutageAnswer(PortalShellRegistration.IsPortalRequest);
        // Files are the portal's (issue 19: an API request no longer looks for a file of its path first).
        app.UseWhen(PortalShellRegistration.IsPortalRequest, portal => portal.UseStaticFiles());
        app.UseRequestLocalization();
        // Tenant resolution runs before authentication (Finbuckle's order).
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
        app.UsePartnerCenterApi();
        // Authentication (Identity's schemes), the membership gate (404 outside one's tenants), authorization.
        app.UseAuthentication();
        app.UsePerUserRateLimit();
        app.UseTenantMembershipGate();
        app.UseAuthorization();
        // The Hangfire Dashboard (/platform/jobs): platform admins only, once the caller is known.
        app.UseJobsDashboard();
        // Input is checked once the caller is known (an anonymous flood gets 401 unread) and before any endpoint.
        app.UseApiInputGuard();
        return app;
    }

    public static WebApplication MapHostEndpoints(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealth });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteHealth });
        app.MapRazorPages();
        return app;
    }

    private static Task WriteHealth(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, durationMs = e.Value.Duration.TotalMilliseconds }),
        }));
    }
}
