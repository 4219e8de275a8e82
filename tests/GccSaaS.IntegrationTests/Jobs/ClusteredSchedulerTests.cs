using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features;
using GccSaaS.Modules.Relationships.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>Which host a sweep instance runs on, and the gate that stops host A's first run in the middle.</summary>
public sealed record HostName(string Name);

public sealed class MidSweepGate
{
    private readonly TaskCompletionSource _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    /// <summary>Completes once a run is held at the gate (after its first tenant committed).</summary>
    public Task Blocked => _blocked.Task;

    /// <summary>
    /// Holds the first caller until <see cref="Release"/>, deaf to cancellation (a frozen process does not listen),
    /// then fails it (the process is gone: nothing after the gate happens). Later callers pass.
    /// </summary>
    public async Task HoldFirstAsync()
    {
        if (Interlocked.Exchange(ref _taken, 1) == 0)
        {
            _blocked.TrySetResult();
            await _released.Task.WaitAsync(TimeSpan.FromMinutes(3));
            throw new InvalidOperationException("host A died in the middle of the sweep");
        }
    }

    public void Release() => _released.TrySetResult();
}

/// <summary>The real invitation expiry (R-REL-7), with host A stopping dead after the first tenant.</summary>
public sealed class InterruptibleExpirySweep(
    IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<InterruptibleExpirySweep> logger, HostName host, MidSweepGate gate)
    : TenantSweepJob(scopes, tenants, logger)
{
    public const string Name = "interruptible-expiry-sweep";

    protected override async Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        await scopedServices.GetRequiredService<IMediator>().Send(new ExpireDueInvitations(), cancellationToken);
        if (host.Name == "A")
        {
            await gate.HoldFirstAsync();
        }
    }
}

/// <summary>One run of <see cref="TickJob"/>: the occurrence it stands for (Hangfire's "Time", whole seconds), its job, its host.</summary>
public sealed record Tick(long Time, string JobId, string Host, DateTimeOffset RecordedAt);

/// <summary>Where tick runs are written: a table of the test database, written with the owner's connection, with no unique key.</summary>
public sealed class TickLog(string ownerConnectionString, string host)
{
    public static async Task CreateTableAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "CREATE SCHEMA IF NOT EXISTS jobs_test; CREATE TABLE IF NOT EXISTS jobs_test.ticks (time bigint NOT NULL, job_id text NOT NULL, host text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT clock_timestamp())",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<IReadOnlyList<Tick>> ReadAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT time, job_id, host, recorded_at FROM jobs_test.ticks ORDER BY time, recorded_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Tick>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Tick(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return rows;
    }

    public async Task RecordAsync(long time, string jobId)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO jobs_test.ticks (time, job_id, host) VALUES (@time, @job, @host)", connection);
        command.Parameters.AddWithValue("time", time);
        command.Parameters.AddWithValue("job", jobId);
        command.Parameters.AddWithValue("host", host);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A recurring job (every second, through Hangfire's own API) that only records which occurrence ran, and where.</summary>
public sealed class TickJob(TickLog log)
{
    public const string Name = "tick";

    public Task RecordAsync(PerformContext? context) => context is null
        ? throw new InvalidOperationException("Hangfire passes the perform context.")
        : log.RecordAsync(context.GetJobParameter<long>("Time"), context.BackgroundJob.Id);
}

/// <summary>
/// Many hosts, one schedule: real hosts (the product's Program) sharing one PostgreSQL database, each with its own
/// Hangfire server, and the fake clock for the product's time. Run alone: they wait on real timeouts.
/// </summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class ClusteredSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60); // polled: only a slow, busy machine waits this long

    [Fact]
    public async Task Each_occurrence_of_a_recurring_schedule_runs_once_while_hosts_join_and_leave()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TickLog.CreateTableAsync(database.OwnerConnectionString);
        Task<IReadOnlyList<Tick>> Read() => TickLog.ReadAsync(database.OwnerConnectionString);

        // A alone, then A and B together, then B alone after A has stopped.
        var hostA = TickHost(database, "A");
        _ = hostA.Server;
        Every(hostA, second: true);
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.Host == "A") >= 3, Deadline, "host A to run the ticks");

        var hostB = TickHost(database, "B");
        _ = hostB.Server;
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.Host == "B") >= 2, Deadline, "host B to take ticks too");

        await hostA.DisposeAsync();
        var aStopped = DateTimeOffset.UtcNow;
        await Eventually.UntilAsync(Read, rows => rows.Count(r => r.Host == "B" && r.RecordedAt > aStopped) >= 3, Deadline, "host B to go on alone");
        Every(hostB, second: false);
        await hostB.DisposeAsync();

        var ticks = await Read();
        var duplicates = ticks.GroupBy(t => t.Time).Where(g => g.Count() > 1).Select(g => $"{g.Key} on {string.Join("+", g.Select(t => t.Host))}").ToList();
        Assert.True(duplicates.Count == 0, "an occurrence ran twice: " + string.Join(", ", duplicates));
        Assert.Equal(ticks.Count, ticks.Select(t => t.JobId).Distinct().Count());
        Assert.Equal(["A", "B"], ticks.Select(t => t.Host).Distinct().Order());
    }

    [Fact]
    public async Task Occurrences_missed_while_no_server_runs_are_coalesced_into_one_run_then_the_schedule_continues()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TickLog.CreateTableAsync(database.OwnerConnectionString);
        Task<IReadOnlyList<Tick>> Read() => TickLog.ReadAsync(database.OwnerConnectionString);

        var hostA = TickHost(database, "A");
        _ = hostA.Server;
        Every(hostA, second: true);
        await Eventually.UntilAsync(Read, rows => rows.Count >= 2, Deadline, "host A to run the ticks");
        var storage = hostA.Services.GetRequiredService<JobStorage>();
        await hostA.DisposeAsync();
        long lastBefore; // the last occurrence host A created (it may still wait in the queue, for B to run)
        using (var connection = storage.GetConnection())
        {
            lastBefore = new DateTimeOffset(DateTime.SpecifyKind(
                connection.GetRecurringJobs([TickJob.Name]).Single().LastExecution ?? DateTime.MinValue, DateTimeKind.Utc)).ToUnixTimeSeconds();
        }

        // The outage itself: no server runs for several occurrences.
        await Task.Delay(TimeSpan.FromSeconds(5));

        var restarted = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var hostB = TickHost(database, "B");
        _ = hostB.Server;
        var after = await Eventually.UntilAsync(
            async () => (await Read()).Where(t => t.Host == "B").ToList(),
            rows => rows.Count >= 3,
            Deadline,
            "host B to run the ticks after the outage");
        Every(hostB, second: false);
        await hostB.DisposeAsync();

        // No run stands for a missed second on its own (no burst): the first run after the outage is the one
        // catch-up, at the restart, and the schedule goes on from there, one run per second at most.
        Assert.DoesNotContain(await Read(), t => t.Time > lastBefore && t.Time < restarted - 1);
        Assert.True(after[0].Time - restarted < 10, $"the catch-up ran {after[0].Time - restarted} s after the restart");
        foreach (var (earlier, later) in after.Zip(after.Skip(1)))
        {
            Assert.True(later.Time - earlier.Time >= 1, $"{earlier} then {later}");
        }
    }

    /// <summary>Declares (or, with <paramref name="second"/> false, removes) the every-second tick through Hangfire's own API.</summary>
    private static void Every(GccSaaSFactory host, bool second)
    {
        var manager = host.Services.GetRequiredService<IRecurringJobManager>();
        if (second)
        {
            manager.AddOrUpdate(
                TickJob.Name,
                Job.FromExpression<TickJob>(job => job.RecordAsync(null)),
                "* * * * * *",
                new RecurringJobOptions { MisfireHandling = MisfireHandlingMode.Relaxed });
        }
        else
        {
            manager.RemoveIfExists(TickJob.Name);
        }
    }

    private static GccSaaSFactory TickHost(TestDatabase database, string name) => new(
        database,
        services => services.AddSingleton(new TickLog(database.OwnerConnectionString, name)),
        HangfireTestJobs.Settings());

    [Fact]
    public async Task A_host_stopped_without_grace_in_the_middle_of_a_sweep_leaves_the_rest_to_the_other_host_and_each_invitation_expires_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var clock = new ManualClock(Start);
        var gate = new MidSweepGate();
        var hostA = Host(database, clock, gate, "A");
        _ = hostA.Server;
        GccSaaSFactory? hostB = null;
        try
        {
            // Three tenants with two invitations each, all due once the clock passes their 30 days.
            var tenants = new List<TenantInfo>();
            for (var i = 0; i < 3; i++)
            {
                var tenant = await hostA.Services.CreateTenantAsync("crash");
                await IssueInvitationsAsync(hostA, tenant, 2);
                tenants.Add(tenant);
            }

            clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

            // Host A takes the run, expires the first tenant's invitations, and freezes.
            var jobId = HangfireTestJobs.Trigger(hostA, InterruptibleExpirySweep.Name);
            await gate.Blocked.WaitAsync(TimeSpan.FromSeconds(60));
            var first = tenants.OrderBy(t => t.Id).First();
            Assert.Equal(2L, await ExpiredAsync(database, first));

            // Host B joins; host A is stopped with no time to finish (Jobs:ShutdownTimeout 0): its run is abandoned.
            hostB = Host(database, clock, gate, "B");
            _ = hostB.Server;
            await hostA.DisposeAsync();

            // B takes the abandoned run once it is invisible no more, waits out A's lock, and finishes the walk.
            var outcome = await HangfireTestJobs.OutcomeAsync(hostB, jobId, TimeSpan.FromSeconds(90));
            Assert.Equal("Succeeded", outcome.State);
            Assert.StartsWith(ServerOf(hostB), outcome.ProcessedBy ?? string.Empty, StringComparison.Ordinal);

            // Once in effect: every invitation expired, one notification each, none twice (the first tenant's run
            // was repeated and found nothing Pending and due).
            gate.Release(); // A's frozen thread ends now, failing: a dead process does nothing more
            foreach (var tenant in tenants)
            {
                Assert.Equal(2L, await ExpiredAsync(database, tenant));
                Assert.Equal(0L, await AppRoleSql.ScalarAsync<long>(database.AppConnectionString, tenant.Id,
                    "SELECT count(*) FROM relationships.invitations WHERE status = 'Pending'"));
                Assert.Equal(2L, await ExpiryNotificationsAsync(database, tenant));
            }
        }
        finally
        {
            gate.Release();
            await hostA.DisposeAsync();
            if (hostB is not null)
            {
                await hostB.DisposeAsync();
            }
        }
    }

    /// <summary>Hangfire's server ids start with the host's server name, lower-cased.</summary>
    private static string ServerOf(GccSaaSFactory host) =>
        host.Services.GetRequiredService<JobsServerIdentity>().ServerName.ToLowerInvariant() + ":";

    private static GccSaaSFactory Host(TestDatabase database, ManualClock clock, MidSweepGate gate, string name) => new(
        database,
        services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(gate);
            services.AddSingleton(new HostName(name));
            services.AddSweepJob<InterruptibleExpirySweep>(InterruptibleExpirySweep.Name, TimeSpan.FromDays(31));
        },
        HangfireTestJobs.Settings(("Jobs:ShutdownTimeout", name == "A" ? "00:00:00" : "00:00:05")));

    private static async Task IssueInvitationsAsync(GccSaaSFactory host, TenantInfo tenant, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            var issuer = scope.ServiceProvider.GetRequiredService<InvitationIssuer>();
            for (var i = 0; i < count; i++)
            {
                await issuer.IssueAsync(InvitationKind.Partnership, $"reseller{i}@crash.example", null, Guid.NewGuid(), "Sam Sales", CancellationToken.None);
            }

            await scope.ServiceProvider.GetRequiredService<RelationshipsDbContext>().SaveChangesAsync();
        }
    }

    private static Task<long> ExpiredAsync(TestDatabase database, TenantInfo tenant) => AppRoleSql.ScalarAsync<long>(
        database.AppConnectionString, tenant.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Expired' AND expired_at IS NOT NULL");

    private static Task<long> ExpiryNotificationsAsync(TestDatabase database, TenantInfo tenant) => AppRoleSql.ScalarAsync<long>(
        database.AppConnectionString, tenant.Id,
        "SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = 'InvitationExpired'");
}
