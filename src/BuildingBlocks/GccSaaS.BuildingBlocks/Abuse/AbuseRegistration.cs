using GccSaaS.BuildingBlocks.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>The shared counters of issue 18: request budgets, the guess throttle and the sweep of old rows.</summary>
public static class AbuseRegistration
{
    public static IServiceCollection AddAbuseProtection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(GuessThrottle)))
        {
            return services;
        }

        services.AddOptions<GuessThrottleOptions>().BindConfiguration(GuessThrottleOptions.Section)
            .Validate(o => o.AccountFreeFailures > 0 && o.SourceFreeFailures > 0 && o.FirstDelay > TimeSpan.Zero && o.MaxDelay >= o.FirstDelay,
                "SignInThrottle: free failures must be positive and MaxDelay at least FirstDelay.");
        services.TryAddSingleton<SharedRateLimiter>();
        services.TryAddSingleton<GuessThrottle>();
        services.AddSweepJob<AbuseSweepJob>(AbuseSweepJob.JobName, TimeSpan.FromMinutes(10));
        return services;
    }
}
