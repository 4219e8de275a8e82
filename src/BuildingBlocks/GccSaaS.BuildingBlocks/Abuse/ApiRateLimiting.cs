using System.Globalization;
using System.Security.Claims;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>Request budgets (configuration section <c>RateLimiting</c>), per minute, shared by every host.</summary>
internal sealed class ApiRateLimitOptions
{
    /// <summary>
    /// <c>/v1</c> requests per tenant per minute. Partner Center allows 500 a minute per tenant on customers, orders
    /// and subscriptions (R-PC-10); automation that stays under that never meets this limit.
    /// </summary>
    public int PermitsPerMinute { get; set; } = 3000;

    /// <summary>Portal requests (pages and form posts) per source address per minute, signed in or not.</summary>
    public int PortalPerSourcePerMinute { get; set; } = 1200;

    /// <summary>Portal requests per signed-in user per minute, from wherever they come.</summary>
    public int PortalPerUserPerMinute { get; set; } = 600;
}

/// <summary>
/// Fixed one-minute windows counted in PostgreSQL (<see cref="SharedRateLimiter"/>), so N hosts allow one budget,
/// not N (issue 18): <c>/v1</c> per resolved tenant (the API key's tenant, as Partner Center keys its throttling),
/// else per client address; the portal per source address and per signed-in user, counted together.
/// Refusals answer 429 with <c>Retry-After</c> seconds: problem details <c>rate_limited</c> on <c>/v1</c>, the
/// localised status page in the portal. Health probes and static files are never counted.
/// </summary>
public static partial class ApiRateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApiRateLimitOptions>()
            .Bind(configuration.GetSection("RateLimiting"))
            .Validate(o => o.PermitsPerMinute > 0 && o.PortalPerSourcePerMinute > 0 && o.PortalPerUserPerMinute > 0, "RateLimiting: every budget must be positive.")
            .ValidateOnStart();
        services.AddAbuseProtection();
        return services;
    }

    /// <summary>Before authentication: <c>/v1</c> per tenant (resolved from the key already).</summary>
    public static IApplicationBuilder UseSharedRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!Counts(context) || !PartnerCenterApi.IsApiRequest(context.Request))
        {
            await next(context);
            return;
        }

        var budgets = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
        if (await AllowedAsync(context, [new RateLimitBudget(ApiPartitionOf(context), budgets.PermitsPerMinute)]))
        {
            await next(context);
        }
    });

    /// <summary>
    /// Right after authentication: the portal per source address and, once signed in, per user, both counted in one
    /// statement (issue 19: one round trip per portal request, not one per budget). Only cookie authentication runs
    /// before it, which reads the database at most for Identity's periodic security-stamp check.
    /// </summary>
    public static IApplicationBuilder UseSignedInRateLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Counts(context) && !PartnerCenterApi.IsApiRequest(context.Request))
        {
            var options = context.RequestServices.GetRequiredService<IOptions<ApiRateLimitOptions>>().Value;
            RateLimitBudget[] budgets = context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } user
                ? [new("portal:source:" + SourceOf(context), options.PortalPerSourcePerMinute), new("portal:user:" + user, options.PortalPerUserPerMinute)]
                : [new("portal:source:" + SourceOf(context), options.PortalPerSourcePerMinute)];
            if (!await AllowedAsync(context, budgets))
            {
                return;
            }
        }

        await next(context);
    });

    private static bool Counts(HttpContext context) =>
        context.Features.Get<IStatusCodeReExecuteFeature>() is null
        && context.Features.Get<IExceptionHandlerFeature>() is null
        && !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> AllowedAsync(HttpContext context, RateLimitBudget[] budgets)
    {
        var limiter = context.RequestServices.GetRequiredService<SharedRateLimiter>();
        var (decision, refusedBy) = await limiter.TakeAsync(budgets, Window, context.RequestAborted);
        if (PartnerCenterApi.IsApiRequest(context.Request))
        {
            SendBudget(context.Response, budgets[0].Permits, decision); // /v1 counts one budget: its tenant's
        }

        if (decision.Allowed)
        {
            return true;
        }

        var key = refusedBy ?? budgets[0].Key;

        var seconds = decision.RetryAfterSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimiting).FullName ?? nameof(ApiRateLimiting)), key, seconds);
        if (PartnerCenterApi.IsApiRequest(context.Request))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited",
                $"Rate limit is exceeded. Try again in {seconds} seconds.",
                new[] { new { retryAfterSeconds = seconds } });
        }
        else
        {
            // The portal's status pages re-execute /error/429: a localised page, no body written here.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        return false;
    }

    /// <summary>
    /// RateLimit-Limit, -Remaining and -Reset on every counted <c>/v1</c> answer, from the counter just taken. Written when
    /// the response starts, so an answer the exception handlers rewrite (which clears the headers) carries them too.
    /// </summary>
    private static void SendBudget(HttpResponse response, int permits, RateLimitDecision decision)
    {
        var limit = permits.ToString(CultureInfo.InvariantCulture);
        var remaining = Math.Max(0, permits - decision.Count).ToString(CultureInfo.InvariantCulture);
        var reset = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.OnStarting(() =>
        {
            response.Headers[ApiHeaders.RateLimitLimit] = limit;
            response.Headers[ApiHeaders.RateLimitRemaining] = remaining;
            response.Headers[ApiHeaders.RateLimitReset] = reset;
            return Task.CompletedTask;
        });
    }

    private static string ApiPartitionOf(HttpContext context) =>
        context.GetTenant() is { } tenant
            ? "api:tenant:" + tenant.Id.ToString("N")
            : "api:client:" + SourceOf(context);

    private static string SourceOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit exceeded for {Partition}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string partition, int seconds);
}
