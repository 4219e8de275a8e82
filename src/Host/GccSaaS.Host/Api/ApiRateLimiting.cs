using System.Globalization;
using System.Threading.RateLimiting;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.BuildingBlocks.Web;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace GccSaaS.Host.Api;

/// <summary>Per-tenant request budget for <c>/v1</c> (configuration section <c>RateLimiting</c>).</summary>
internal sealed class ApiRateLimitOptions
{
    /// <summary>
    /// Requests per tenant per minute. Partner Center allows 500 a minute per tenant on customers, orders and
    /// subscriptions (R-PC-10); automation that stays under that never meets this limit.
    /// </summary>
    public int PermitsPerMinute { get; set; } = 3000;
}

/// <summary>
/// A fixed one-minute window per resolved tenant (the API key's tenant), else per client address, for
/// <c>/v1</c> only. Refusals answer 429 problem details <c>rate_limited</c> with <c>Retry-After</c> seconds.
/// The partition is held in this host's memory: with several hosts each counts its own share.
/// </summary>
internal static partial class ApiRateLimiting
{
    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiRateLimitOptions>()
            .Bind(configuration.GetSection("RateLimiting"))
            .Validate(o => o.PermitsPerMinute > 0, "RateLimiting:PermitsPerMinute must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ApiRateLimitOptions>>((limiter, api) =>
        {
            var permits = api.Value.PermitsPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                PartnerCenterApi.IsApiRequest(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(PartitionOf(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("portal"));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static string PartitionOf(HttpContext context) =>
        context.GetTenant() is { } tenant
            ? "tenant:" + tenant.Id.ToString("N")
            : "client:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiRateLimiting).FullName ?? nameof(ApiRateLimiting)), PartitionOf(context), seconds);
        await ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate_limited",
            $"Rate limit is exceeded. Try again in {seconds} seconds.",
            new[] { new { retryAfterSeconds = seconds } });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit exceeded for {Partition}; retry after {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string partition, int seconds);
}
