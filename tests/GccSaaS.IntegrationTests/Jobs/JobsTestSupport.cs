using GccSaaS.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Jobs;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerTimingCollection
{
    public const string Name = "Scheduler timing";
}

/// <summary>How a triggered run of a recurring job ended, with its state history (newest first).</summary>
public sealed record JobOutcome(string JobId, string State, string? Reason, IReadOnlyList<StateHistoryDto> History)
{
    /// <summary>The server (Hangfire server id) whose Processing state is newest: the one that ran it last.</summary>
    public string? ProcessedBy => History.FirstOrDefault(h => h.StateName == ProcessingState.StateName)?.Data is { } data
        && data.TryGetValue("ServerId", out var server) ? server : null;

    /// <summary>Failed once, and now waits for its automatic retry (AutomaticRetry turns a failure into a Scheduled retry).</summary>
    public bool FailedAndAwaitsRetry => State == ScheduledState.StateName && History.Any(h => h.StateName == FailedState.StateName);
}

/// <summary>Hangfire from a test: test-friendly timings, triggering a recurring job now, and waiting for its outcome.</summary>
public static class HangfireTestJobs
{
    /// <summary>
    /// Jobs on, with timeouts short enough for a test: an abandoned job is taken again after 3 s, a dead host's
    /// locks after 5 s, a server without heartbeat is dropped after 5 s. Production defaults: see JobsOptions.
    /// Every sweep of the product is scheduled far away (every 31 days), so only what a test triggers runs.
    /// </summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:QueuePollInterval"] = "00:00:00.200",
            ["Jobs:SchedulePollingInterval"] = "00:00:01",
            ["Jobs:InvisibilityTimeout"] = "00:00:03",
            ["Jobs:HeartbeatInterval"] = "00:00:01",
            ["Jobs:ServerTimeout"] = "00:00:05",
            ["Jobs:ServerCheckInterval"] = "00:00:01",
            ["Jobs:DistributedLockTimeout"] = "00:00:05",
            ["Jobs:ShutdownTimeout"] = "00:00:05",
            ["Relationships:SweepInterval"] = "31.00:00:00",
            ["Validation:SlaSweepInterval"] = "31.00:00:00",
            ["Idempotency:SweepInterval"] = "31.00:00:00",
            ["Outbox:SweepInterval"] = "31.00:00:00",
            ["Outbox:FullSweepInterval"] = "31.00:00:00",
            ["Ordering:CartExpirySweepInterval"] = "31.00:00:00",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Runs the recurring job now (as the dashboard's "Trigger now" does), through this host's manager.</summary>
    public static string Trigger(GccSaaSFactory host, string recurringJob) =>
        host.Services.GetRequiredService<IRecurringJobManagerV2>().TriggerJob(recurringJob)
        ?? throw new InvalidOperationException($"No recurring job {recurringJob}.");

    /// <summary>Waits until the job succeeded, or failed (and awaits its retry, or failed for good).</summary>
    public static async Task<JobOutcome> OutcomeAsync(GccSaaSFactory host, string jobId, TimeSpan? deadline = null)
    {
        var storage = host.Services.GetRequiredService<JobStorage>();
        return await Eventually.UntilAsync(
            () => Task.FromResult(Read(storage, jobId)),
            o => o.State == SucceededState.StateName || o.State == FailedState.StateName || o.FailedAndAwaitsRetry,
            deadline ?? TimeSpan.FromSeconds(60),
            $"job {jobId} to end");
    }

    /// <summary>Triggers on the host and waits for the run to succeed.</summary>
    public static async Task<JobOutcome> RunAsync(GccSaaSFactory host, string recurringJob)
    {
        var outcome = await OutcomeAsync(host, Trigger(host, recurringJob));
        Assert.True(outcome.State == SucceededState.StateName, $"{recurringJob} ended {outcome.State}: {outcome.Reason}");
        return outcome;
    }

    private static JobOutcome Read(JobStorage storage, string jobId)
    {
        var details = storage.GetMonitoringApi().JobDetails(jobId);
        var history = details?.History ?? [];
        var current = history.FirstOrDefault();
        return new JobOutcome(jobId, current?.StateName ?? "(none)", current?.Reason, [.. history]);
    }
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds:0.#} s waiting for {what}. Last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
