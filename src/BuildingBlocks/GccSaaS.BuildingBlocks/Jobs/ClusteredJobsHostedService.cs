using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// This host's Hangfire server, run only when <see cref="JobsOptions.Enabled"/> (decided when the host starts,
/// from the final configuration, so a test host that switches jobs off gets no server at all). On start it
/// declares every sweep as a recurring job (<see cref="IRecurringJobManager.AddOrUpdate(string, Job, string, RecurringJobOptions)"/>,
/// so a changed interval applies and the stored schedule and history stay), removes the sweeps this version no
/// longer declares, then starts the server. On stop it waits <see cref="JobsOptions.ShutdownTimeout"/> for
/// running jobs; what is still running then is abandoned, and another host takes it after
/// <see cref="JobsOptions.InvisibilityTimeout"/>.
/// </summary>
internal sealed partial class ClusteredJobsHostedService(
    IServiceProvider services,
    IOptions<JobsOptions> options,
    IEnumerable<SweepDefinition> sweeps,
    JobsServerIdentity identity,
    ILoggerFactory loggerFactory,
    ILogger<ClusteredJobsHostedService> logger) : IHostedService, IDisposable
{
    private IDisposable? _log;
    private readonly Lock _gate = new();
    private BackgroundJobServer? _server;
    private bool _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Hangfire logs through a process-wide provider; web-only hosts log their dashboard's messages too.
        _log = HangfireLogBridge.Attach(loggerFactory);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return Task.CompletedTask;
        }

        var storage = services.GetRequiredService<JobStorage>();
        DeclareRecurringJobs(storage, services.GetRequiredService<IRecurringJobManager>());
        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = identity.ServerName,
                WorkerCount = settings.WorkerCount,
                SchedulePollingInterval = settings.SchedulePollingInterval,
                HeartbeatInterval = settings.HeartbeatInterval,
                ServerTimeout = settings.ServerTimeout,
                ServerCheckInterval = settings.ServerCheckInterval,
                ShutdownTimeout = settings.ShutdownTimeout,
                Activator = new AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()),
                FilterProvider = JobFilterProviders.Providers,
                TimeZoneResolver = services.GetRequiredService<ITimeZoneResolver>(),
            },
            storage,
            []);
        LogStarted(logger, identity.ServerName, settings.WorkerCount);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BackgroundJobServer? server;
        lock (_gate)
        {
            server = _stopping ? null : _server;
            _stopping = true;
            server?.SendStop();
        }

        if (server is null)
        {
            return;
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(options.Value.ShutdownTimeout);
        try
        {
            await server.WaitForShutdownAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            LogAbandoned(logger, options.Value.ShutdownTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Disposed meanwhile (the host tears down while stopping): stopped all the same.
        }
    }

    /// <summary>
    /// Stops the server if StopAsync did not (the host failed to start), then disposes it; never waits longer than
    /// <see cref="JobsOptions.ShutdownTimeout"/>, whatever runs. Safe against a StopAsync still in flight.
    /// </summary>
    public void Dispose()
    {
        BackgroundJobServer? server;
        bool stopped;
        lock (_gate)
        {
            server = _server;
            _server = null;
            stopped = _stopping;
            _stopping = true;
            if (server is not null && !stopped)
            {
                server.SendStop();
            }
        }

        if (server is not null)
        {
            // Waiting (even for no time) also tells Hangfire's Dispose not to wait for ever for abandoned jobs.
            server.WaitForShutdown(stopped ? TimeSpan.Zero : options.Value.ShutdownTimeout);
            server.Dispose();
        }

        _log?.Dispose();
        _log = null;
    }

    private void DeclareRecurringJobs(JobStorage storage, IRecurringJobManager manager)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            if (!declared.Add(sweep.Name))
            {
                throw new InvalidOperationException($"The sweep '{sweep.Name}' is registered twice.");
            }

            var interval = sweep.Interval(services);
            var (cron, effective) = SweepSchedule.For(interval);
            if (effective != interval)
            {
                LogRounded(logger, sweep.Name, interval, effective);
            }

            var name = sweep.Name;
            manager.AddOrUpdate(
                name,
                Job.FromExpression<SweepRunner>(runner => runner.RunAsync(name, null, CancellationToken.None)),
                cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc, MisfireHandling = MisfireHandlingMode.Relaxed });
        }

        // Only sweeps are ours to prune: a recurring job of another kind (added by hand) is left alone.
        using var connection = storage.GetConnection();
        var stale = connection.GetRecurringJobs()
            .Where(j => j.Job?.Type == typeof(SweepRunner) && !declared.Contains(j.Id))
            .Select(j => j.Id)
            .ToList();
        foreach (var id in stale)
        {
            manager.RemoveIfExists(id);
            LogRemoved(logger, id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Jobs:Enabled is false: this host runs no Hangfire server (web-only); the other hosts run the jobs")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hangfire server {Server} started with {Workers} worker(s)")]
    private static partial void LogStarted(ILogger logger, string server, int workers);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Job} runs every {Effective} (configured {Configured}): recurring jobs are minute-granular and intervals round up")]
    private static partial void LogRounded(ILogger logger, string job, TimeSpan configured, TimeSpan effective);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed recurring job {Job}: this version no longer declares it")]
    private static partial void LogRemoved(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Jobs still running after {Timeout} were abandoned; another host retries them")]
    private static partial void LogAbandoned(ILogger logger, TimeSpan timeout);
}

/// <summary>The name this host's Hangfire server announces itself under (its server id starts with it, lower-cased).</summary>
internal sealed class JobsServerIdentity
{
    public string ServerName { get; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";
}
