using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Readiness of the background jobs on this host. Where <c>Jobs:Enabled</c>: Hangfire's storage answers and this
/// host's server has announced itself with a heartbeat younger than <see cref="JobsOptions.ServerTimeout"/> (a host
/// whose server stopped or cannot reach the storage is not ready). On a web-only host: healthy by design.
/// </summary>
internal sealed class SchedulerHealthCheck(JobStorage storage, JobsServerIdentity identity, IOptions<JobsOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy(
                "Jobs:Enabled is false: this host runs no Hangfire server (web-only); the other hosts run the jobs."));
        }

        try
        {
            var prefix = identity.ServerName.ToLowerInvariant() + ":";
            var servers = storage.GetMonitoringApi().Servers();
            var mine = servers.FirstOrDefault(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));
            if (mine is null)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire server {identity.ServerName} has not announced itself (yet)."));
            }

            var heartbeat = mine.Heartbeat ?? mine.StartedAt;
            var age = DateTime.UtcNow - DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc);
            return Task.FromResult(age <= settings.ServerTimeout
                ? HealthCheckResult.Healthy($"Hangfire server {mine.Name}: last heartbeat {age.TotalSeconds:0} s ago; {servers.Count} server(s) share the schedule.")
                : HealthCheckResult.Unhealthy($"Hangfire server {mine.Name}: last heartbeat {age.TotalSeconds:0} s ago, beyond Jobs:ServerTimeout."));
        }
#pragma warning disable CA1031 // Any failure to reach the storage is the answer: not ready.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Hangfire's storage cannot be read.", ex));
        }
    }
}
