using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Quartz's hosted service (start with the host, on shutdown wait for running jobs to complete), run only
/// when <see cref="JobsOptions.Enabled"/>. The decision is taken when the host starts, from the final
/// configuration, so a test host that switches jobs off gets no scheduler at all.
/// </summary>
internal sealed partial class ClusteredJobsHostedService : IHostedLifecycleService
{
    private readonly QuartzHostedService? _quartz;

    public ClusteredJobsHostedService(IServiceProvider services, IOptions<JobsOptions> options, ILogger<ClusteredJobsHostedService> logger)
    {
        if (options.Value.Enabled)
        {
            _quartz = ActivatorUtilities.CreateInstance<QuartzHostedService>(services);
        }
        else
        {
            LogDisabled(logger);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => _quartz?.StartingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => _quartz?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => _quartz?.StartedAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => _quartz?.StoppingAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _quartz?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _quartz?.StoppedAsync(cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs:Enabled is false: this host runs no scheduler")]
    private static partial void LogDisabled(ILogger logger);
}
