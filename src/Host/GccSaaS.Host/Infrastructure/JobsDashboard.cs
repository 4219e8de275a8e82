using GccSaaS.BuildingBlocks.Security;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace GccSaaS.Host.Infrastructure;

/// <summary>
/// The Hangfire Dashboard at <c>/platform/jobs</c> (ADR 0004), for platform admins only, on every host (a web-only
/// host shows the shared storage too). Answers as the portal does: an anonymous visitor is sent to sign in and
/// back; any signed-in user who is not a platform admin gets the portal's 404, so the page does not reveal itself.
/// Its POST actions (trigger, requeue, delete) carry the antiforgery token in a header; Hangfire refuses a POST
/// without a valid one (403).
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/platform/jobs";

    /// <summary>
    /// Whether a request is for the dashboard: the one place that says so, for the dashboard's own mapping and for
    /// anything that must treat its pages differently. Its Content-Security-Policy needs <c>style-src 'self'
    /// 'unsafe-inline'</c>: Hangfire writes inline <c>style</c> attributes (state cards, labels) and its Chart.js
    /// injects a <c>&lt;style&gt;</c> element. Scripts need nothing more than <c>script-src 'self'</c> (no inline
    /// script, no eval), images <c>data:</c> (its favicon), requests <c>connect-src 'self'</c> (its polling).
    /// </summary>
    public static bool Serves(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Maps the dashboard; call after authentication and authorization (<c>UseHostInfrastructure</c>).</summary>
    public static IApplicationBuilder UseJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The gate answers refused requests the portal's way before Hangfire sees them (Hangfire would answer
        // 401/403); Hangfire's own authorization filter then checks the same policy again.
        app.UseWhen(Serves, dashboard => dashboard.Use(AdmitPlatformAdminsAsync));
        app.UseHangfireDashboard(
            Path,
            new DashboardOptions
            {
                // Hangfire's default filter admits local requests only; ours replaces it.
                Authorization = [],
                AsyncAuthorization = [new PlatformAdminDashboardAuthorization()],
                AppPath = "/platform",
                DashboardTitle = "GccSaaS jobs",
                DisplayStorageConnectionString = false,
                IgnoreAntiforgeryToken = false,
            },
            app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    private static async Task AdmitPlatformAdminsAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity is not { IsAuthenticated: true })
        {
            await context.ChallengeAsync(); // the portal's cookie: 302 to /account/sign-in?returnUrl=…
            return;
        }

        if (!await IsPlatformAdminAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound; // the portal's status page renders it
            return;
        }

        await next(context);
    }

    internal static async Task<bool> IsPlatformAdminAsync(HttpContext context)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(context.User, context, GccSaaSPolicies.PlatformAdmin)).Succeeded;
    }

    /// <summary>Hangfire's own check, on every dashboard request: the caller satisfies the platform-admin policy.</summary>
    private sealed class PlatformAdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            var http = context.GetHttpContext();
            return http.User.Identity is { IsAuthenticated: true } ? IsPlatformAdminAsync(http) : Task.FromResult(false);
        }
    }
}
