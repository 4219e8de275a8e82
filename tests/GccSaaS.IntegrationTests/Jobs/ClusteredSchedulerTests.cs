using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.Modules.Relationships.Data;
using GccSaaS.Modules.Relationships.Domain;
using GccSaaS.Modules.Relationships.Features;
using GccSaaS.Modules.Relationships.Jobs;
using Hangfire;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

/// <summary>
/// Many hosts, one schedule: real hosts (the product's Program) sharing one PostgreSQL database, each with its own
/// Hangfire server, and the fake clock for the product's time. Run alone: they wait on real timeouts.
/// </summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class ClusteredSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

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
