using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// A recurring, idempotent job of the platform (usually a <see cref="TenantSweepJob"/>), scheduled with
/// <see cref="JobsRegistration.AddSweepJob{TJob}(IServiceCollection, string, Func{IServiceProvider, TimeSpan})"/>.
/// Hangfire runs a job at least once: a run may repeat a crashed run, a retry, or (rarely) overlap another
/// run, so its effects must be idempotent (unique keys, guarded updates), never "exactly once" by assumption.
/// </summary>
public interface ISweepJob
{
    Task RunAsync(SweepRun run, CancellationToken cancellationToken);
}

/// <summary>One run of a sweep: its name and the Hangfire background job that runs it (null when run by hand).</summary>
public sealed record SweepRun(string Name, string? BackgroundJobId)
{
    /// <summary>A run outside Hangfire (tests, a command): no background job.</summary>
    public static SweepRun Manual(string name) => new(name, null);
}

/// <summary>What <see cref="JobsRegistration.AddSweepJob{TJob}(IServiceCollection, string, Func{IServiceProvider, TimeSpan})"/> declared.</summary>
public sealed record SweepDefinition(string Name, Type JobType, Func<IServiceProvider, TimeSpan> Interval);

/// <summary>
/// The one method every recurring job of the platform invokes: Hangfire stores <c>SweepRunner.RunAsync("name", …)</c>,
/// never a module's type, so renaming or moving a sweep class never strands a stored job. It resolves the sweep
/// registered under the name in the job's own DI scope and runs it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Never two runs of one sweep at once</b>: <see cref="DisableConcurrentExecutionAttribute"/> takes the
/// distributed lock <c>sweep:{name}</c> (a row of <c>hangfire.lock</c>) for the whole run; a second run waits up to
/// <see cref="LockWaitSeconds"/> and then fails (and is retried). A lock left by a host that died is taken over
/// after <see cref="JobsOptions.DistributedLockTimeout"/>. The effects are idempotent anyway.
/// </para>
/// <para>
/// <b>Retries with backoff</b>: a failed run is retried <see cref="RetryAttempts"/> times, after 1, 5 and 15 minutes,
/// then stays Failed on the dashboard. The next scheduled run comes regardless.
/// </para>
/// </remarks>
public sealed class SweepRunner(IServiceProvider services, IEnumerable<SweepDefinition> sweeps)
{
    /// <summary>How long a run waits for another run of the same sweep to end before it fails and is retried.</summary>
    public const int LockWaitSeconds = 10 * 60;

    public const int RetryAttempts = 3;

    [JobDisplayName("{0}")]
    [DisableConcurrentExecution("sweep:{0}", LockWaitSeconds)]
    [AutomaticRetry(Attempts = RetryAttempts, DelaysInSeconds = new[] { 60, 5 * 60, 15 * 60 }, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task RunAsync(string sweep, PerformContext? context, CancellationToken cancellationToken)
    {
        var definition = sweeps.LastOrDefault(s => s.Name == sweep)
            ?? throw new InvalidOperationException($"No sweep named '{sweep}' is registered on this host.");
        var job = (ISweepJob)services.GetRequiredService(definition.JobType);
        return job.RunAsync(new SweepRun(sweep, context?.BackgroundJob?.Id), cancellationToken);
    }
}
