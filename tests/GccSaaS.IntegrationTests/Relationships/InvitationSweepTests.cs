using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.Modules.Relationships.Jobs;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Two hosts on one database, both running the clustered scheduler with the invitation sweeps every second,
/// over the demo seed (contoso-distribution has pending invitations sent by Sam Sales). The fake clock moves the
/// invitations through both reminder points to expiry.
/// </summary>
public sealed class InvitationSweepFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private GccSaaSFactory? _a;
    private GccSaaSFactory? _b;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory A => _a ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory B => _b ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _a = Host();
        _ = _a.Server;
        _b = Host();
        _ = _b.Server;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private GccSaaSFactory Host() => new(
        Database,
        services => services.AddSingleton<TimeProvider>(Clock),
        new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true",
            ["Jobs:Enabled"] = "true",
            ["Relationships:SweepInterval"] = "00:00:01",
        });
}

public sealed class InvitationSweepTests(InvitationSweepFixture fixture) : IClassFixture<InvitationSweepFixture>
{
    [Fact]
    public async Task R_REL_7_two_schedulers_remind_each_sender_exactly_once_per_reminder_point_then_expire_each_invitation_once()
    {
        var contoso = await TenantAsync("contoso-distribution");
        var pending = await ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Pending'");
        Assert.True(pending >= 2, "the demo seed leaves pending invitations");
        await BothSweepsRanAsync();
        Assert.Equal(0L, await RemindersAsync(contoso.Id, null));

        // 7 days before expiry (30 days of life by default).
        fixture.Clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));
        await Eventually.UntilAsync(() => RemindersAsync(contoso.Id, 7), n => n == pending, TimeSpan.FromSeconds(30), "the 7-day reminders");
        await RetryEverywhereAsync(contoso);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 7));
        Assert.Equal(pending, await OutboxAsync(contoso.Id, "InvitationReminder"));
        Assert.Equal(0L, await RemindersAsync(contoso.Id, 1));

        // 1 day before expiry.
        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await Eventually.UntilAsync(() => RemindersAsync(contoso.Id, 1), n => n == pending, TimeSpan.FromSeconds(30), "the 1-day reminders");
        await RetryEverywhereAsync(contoso);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 1));
        Assert.Equal(2 * pending, await OutboxAsync(contoso.Id, "InvitationReminder"));

        // Expiry.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.UntilAsync(
            () => ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Expired' AND expired_at IS NOT NULL"),
            n => n == pending, TimeSpan.FromSeconds(30), "the expiry");
        await RetryEverywhereAsync(contoso);
        Assert.Equal(pending, await OutboxAsync(contoso.Id, "InvitationExpired"));
        Assert.Equal(2 * pending, await OutboxAsync(contoso.Id, "InvitationReminder"));
        Assert.Equal(0L, await ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Pending'"));
    }

    /// <summary>Retries from everywhere: both schedulers fire both jobs, and each host sends both sweeps directly, concurrently.</summary>
    private async Task RetryEverywhereAsync(TenantInfo tenant)
    {
        var runs = new List<Task>();
        foreach (var host in new[] { fixture.A, fixture.B })
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            runs.Add(scheduler.TriggerJob(new JobKey(InvitationReminderSweepJob.Name, JobsRegistration.JobGroup)).AsTask());
            runs.Add(scheduler.TriggerJob(new JobKey(InvitationExpirySweepJob.Name, JobsRegistration.JobGroup)).AsTask());
            runs.Add(SendAsync(host, tenant, new SendInvitationReminders()));
            runs.Add(SendAsync(host, tenant, new ExpireDueInvitations()));
        }

        await Task.WhenAll(runs);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a few more scheduled sweeps on both hosts
    }

    private static async Task<int> SendAsync(GccSaaSFactory host, TenantInfo tenant, IRequest<int> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
    }

    private async Task BothSweepsRanAsync()
    {
        var reader = fixture.A.Services.GetRequiredService<IJobStatusReader>();
        await Eventually.UntilAsync(
            () => reader.ReadAsync(),
            jobs => jobs.Any(j => j.Name == InvitationReminderSweepJob.Name && j.LastSucceededAt is not null)
                && jobs.Any(j => j.Name == InvitationExpirySweepJob.Name && j.LastSucceededAt is not null),
            TimeSpan.FromSeconds(30),
            "both invitation sweeps to run");
    }

    private Task<long> RemindersAsync(Guid tenant, int? daysBefore) => daysBefore is { } d
        ? ScalarAsync<long>(tenant, $"SELECT count(*) FROM relationships.invitation_reminders WHERE days_before = {d}")
        : ScalarAsync<long>(tenant, "SELECT count(*) FROM relationships.invitation_reminders");

    private Task<long> OutboxAsync(Guid tenant, string kind) => ScalarAsync<long>(
        tenant, $"SELECT count(*) FROM relationships.outbox_messages WHERE type LIKE '%UserNotificationRequested%' AND payload->>'kind' = '{kind}'");

    private Task<T> ScalarAsync<T>(Guid tenant, string sql) => AppRoleSql.ScalarAsync<T>(fixture.Database.AppConnectionString, tenant, sql);

    private async Task<TenantInfo> TenantAsync(string identifier)
    {
        await using var scope = fixture.A.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync(identifier)
            ?? throw new InvalidOperationException($"No tenant {identifier}.");
    }
}
