using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GccSaaS.IntegrationTests.Jobs;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SchedulerTimingCollection
{
    public const string Name = "Scheduler timing";
}

/// <summary>
/// Real hosts (the product's Program and AddClusteredJobs) sharing one PostgreSQL database, with a test
/// job scheduled through the product's own AddSweepJob. Run alone, since they measure time.
/// </summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class ClusteredSchedulerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60); // polled: only a slow, busy machine waits this long

    /// <summary>Short check-ins so a test host joins and leaves the cluster quickly; the outbox sweep out of the way.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Jobs:Enabled"] = "true",
        ["Jobs:CheckinInterval"] = "00:00:01",
        ["Jobs:CheckinMisfireThreshold"] = "00:00:02",
        ["Outbox:SweepInterval"] = "01:00:00",
    };

    [Fact]
    public async Task Two_hosts_on_one_database_run_every_firing_of_a_recurring_job_exactly_once_while_hosts_join_and_leave()
    {
        const string job = "cluster-tick";
        await using var database = await TestDatabase.CreateAsync();
        await ExecutionLog.CreateTableAsync(database.OwnerConnectionString);
        Task<IReadOnlyList<Execution>> Read() => ExecutionLog.ReadAsync(database.OwnerConnectionString, job);

        // A alone, then A and B together, then B alone after A has stopped: every firing is still run once.
        var hostA = StartHost(database, "A", job);
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.Host == "A") >= 3, Deadline, "host A to run the job");

        var hostB = StartHost(database, "B", job);
        var bothRunning = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.FireTime > bothRunning) >= 4, Deadline, "firings while both hosts run");

        await hostA.DisposeAsync();
        var aStopped = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.Host == "B" && r.FireTime > aStopped) >= 3, Deadline, "host B to take over");
        await hostB.DisposeAsync();

        var executions = await Read();
        Report(executions);
        var duplicates = executions.GroupBy(e => e.ScheduledFireTime).Where(g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count == 0, "ran twice: " + string.Join(", ", duplicates.Select(d => $"{d.Key:HH:mm:ss.fff} on {string.Join("+", d.Select(e => e.Host))}")));
        Assert.Equal(executions.Count, executions.Select(e => e.FireInstanceId).Distinct().Count());

        // Consecutive firings are at least an interval apart: no firing was run again under another time.
        var ordered = executions.OrderBy(e => e.ScheduledFireTime).ToList();
        foreach (var (earlier, later) in ordered.Zip(ordered.Skip(1)))
        {
            Assert.True(later.ScheduledFireTime - earlier.ScheduledFireTime >= Interval - TimeSpan.FromMilliseconds(5), $"{earlier} then {later}");
        }

        // Both hosts ran some, each under its own scheduler instance id. (While both run, either may take
        // every firing: Quartz's nodes acquire first come, first served, not round-robin.)
        Assert.Equal(["A", "B"], executions.Select(e => e.Host).Distinct().Order());
        Assert.Equal(2, executions.Select(e => e.SchedulerInstanceId).Distinct().Count());
    }

    [Fact]
    public async Task Firings_missed_while_no_host_runs_are_coalesced_into_one_prompt_run_then_the_schedule_continues()
    {
        const string job = "catch-up";
        await using var database = await TestDatabase.CreateAsync();
        await ExecutionLog.CreateTableAsync(database.OwnerConnectionString);
        Task<IReadOnlyList<Execution>> Read() => ExecutionLog.ReadAsync(database.OwnerConnectionString, job);

        var hostA = StartHost(database, "A", job);
        await Eventually.UntilAsync(Read, rows => rows.Count >= 2, Deadline, "host A to run the job");
        await hostA.DisposeAsync();
        var lastBeforeDowntime = (await Read()).Max(e => e.ScheduledFireTime);

        // The outage itself: no scheduler runs for several intervals.
        await Task.Delay(5 * Interval);

        var restarted = DateTimeOffset.UtcNow;
        var hostB = StartHost(database, "B", job);
        var afterRestart = await Eventually.UntilAsync(
            async () => (await Read()).Where(e => e.Host == "B").OrderBy(e => e.FireTime).ToList(),
            rows => rows.Count >= 4,
            Deadline,
            "host B to run the job after the outage");
        await hostB.DisposeAsync();
        output.WriteLine($"last before the outage {lastBeforeDowntime:HH:mm:ss.fff}, restarted {restarted:HH:mm:ss.fff}");
        Report(await Read());

        // Exactly one run stands for the missed firings: the first one missed, run as soon as B was up.
        var catchUp = afterRestart[0];
        Assert.Single(afterRestart, e => e.ScheduledFireTime < restarted);
        Assert.Equal(lastBeforeDowntime + Interval, catchUp.ScheduledFireTime);
        Assert.True(catchUp.FireTime - restarted < TimeSpan.FromSeconds(10), $"the catch-up ran {catchUp.FireTime - restarted} after the restart");

        // Then the ordinary schedule, re-anchored at the catch-up: one run per interval, no burst.
        foreach (var (earlier, later) in afterRestart.Zip(afterRestart.Skip(1)))
        {
            Assert.True(later.ScheduledFireTime - earlier.ScheduledFireTime >= Interval - TimeSpan.FromMilliseconds(5), $"{earlier} then {later}");
            Assert.True(later.ScheduledFireTime >= restarted, $"{later} replays a firing missed during the outage");
        }
    }

    private void Report(IEnumerable<Execution> executions)
    {
        foreach (var e in executions)
        {
            output.WriteLine($"{e.Host} scheduled {e.ScheduledFireTime:HH:mm:ss.fff} fired {e.FireTime:HH:mm:ss.fff} on {e.SchedulerInstanceId}");
        }
    }

    private static GccSaaSFactory StartHost(TestDatabase database, string name, string job)
    {
        var host = new GccSaaSFactory(
            database,
            services =>
            {
                services.AddSingleton(new ExecutionLog(database.OwnerConnectionString, name));
                services.AddSweepJob<RecordingJob>(job, Interval);
            },
            Settings);
        _ = host.Server; // starts the host: migrate, then the scheduler joins the cluster
        return host;
    }
}
