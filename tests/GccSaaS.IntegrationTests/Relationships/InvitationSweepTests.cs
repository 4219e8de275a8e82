using System.Net;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.Modules.Relationships.Jobs;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Relationships;

/// <summary>
/// Two hosts on one database, each with its own Hangfire server, over the demo seed (contoso-distribution has
/// pending invitations sent by Sam Sales). The fake clock moves the invitations through both reminder points to
/// expiry; the sweeps run when the test triggers them (on either server), twice in a row and several at once.
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
        _a = Host(seed: true);
        _ = _a.Server;
        _b = Host(seed: false);
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

    private GccSaaSFactory Host(bool seed) => new(
        Database,
        services => services.AddSingleton<TimeProvider>(Clock),
        HangfireTestJobs.Settings(("Demo:Seed", seed ? "true" : "false")));
}

[Collection(SchedulerTimingCollection.Name)]
public sealed class InvitationSweepTests(InvitationSweepFixture fixture) : IClassFixture<InvitationSweepFixture>
{
    private static readonly string[] Sweeps = [InvitationReminderSweepJob.Name, InvitationExpirySweepJob.Name];

    [Fact]
    public async Task R_REL_7_two_servers_remind_each_sender_once_per_reminder_point_then_expire_each_invitation_once()
    {
        var contoso = await TenantAsync("contoso-distribution");
        var pending = await ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Pending'");
        Assert.True(pending >= 2, "the demo seed leaves pending invitations");
        var servers = new HashSet<string>(StringComparer.Ordinal);
        await TwiceInARowAsync(servers);
        Assert.Equal(0L, await RemindersAsync(contoso.Id, null));

        // 7 days before expiry (30 days of life by default): run twice in a row, then many at once.
        fixture.Clock.Advance(TimeSpan.FromDays(23) + TimeSpan.FromMinutes(1));
        await TwiceInARowAsync(servers);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 7));
        Assert.Equal(pending, await OutboxAsync(contoso.Id, "InvitationReminder"));
        await AllAtOnceAsync(contoso, servers);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 7));
        Assert.Equal(pending, await OutboxAsync(contoso.Id, "InvitationReminder"));
        Assert.Equal(0L, await RemindersAsync(contoso.Id, 1));

        // 1 day before expiry.
        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await AllAtOnceAsync(contoso, servers);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 1));
        await TwiceInARowAsync(servers);
        Assert.Equal(pending, await RemindersAsync(contoso.Id, 1));
        Assert.Equal(2 * pending, await OutboxAsync(contoso.Id, "InvitationReminder"));

        // Expiry.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await TwiceInARowAsync(servers);
        await AllAtOnceAsync(contoso, servers);
        Assert.Equal(pending, await ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Expired' AND expired_at IS NOT NULL"));
        Assert.Equal(pending, await OutboxAsync(contoso.Id, "InvitationExpired"));
        Assert.Equal(2 * pending, await OutboxAsync(contoso.Id, "InvitationReminder"));
        Assert.Equal(0L, await ScalarAsync<long>(contoso.Id, "SELECT count(*) FROM relationships.invitations WHERE status = 'Pending'"));

        // Both servers ran sweeps: one schedule, shared.
        Assert.Equal(2, servers.Select(s => s.Split(':')[0]).Distinct().Count());
    }

    [Fact]
    public async Task R_REL_7_the_global_admin_sees_when_expiry_and_reminders_ran_and_run_next_and_only_their_own_tenants_failure()
    {
        await TwiceInARowAsync(new HashSet<string>(StringComparer.Ordinal));
        var contoso = await TenantAsync("contoso-distribution");
        var fabrikam = await TenantAsync("fabrikam-cloud");
        await FailAsync(contoso, InvitationExpirySweepJob.Name, "contoso's own trouble");
        await FailAsync(fabrikam, InvitationExpirySweepJob.Name, "fabrikam's secret trouble");

        using var admin = new PortalClient(fixture.B); // either host answers the same
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync("global.admin@contoso.demo")).Status);
        var page = await admin.GetAsync("/contoso-distribution/settings/invitations");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var sweep in Sweeps)
        {
            var row = Row(page.Html, sweep);
            Assert.DoesNotContain("never", row, StringComparison.Ordinal); // it ran
            Assert.DoesNotContain("not scheduled", row, StringComparison.Ordinal);
            Assert.Matches(@"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}\W?[AP]M UTC", System.Net.WebUtility.HtmlDecode(row));
        }

        Assert.Contains("contoso&#x27;s own trouble", Row(page.Html, InvitationExpirySweepJob.Name), StringComparison.Ordinal);
        Assert.Contains("data-failure-open", Row(page.Html, InvitationExpirySweepJob.Name), StringComparison.Ordinal);
        Assert.Contains("data-no-failure", Row(page.Html, InvitationReminderSweepJob.Name), StringComparison.Ordinal);
        Assert.DoesNotContain("fabrikam", page.Html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Both sweeps on server A, then both on server B: each run waits for the previous one.</summary>
    private async Task TwiceInARowAsync(HashSet<string> servers)
    {
        foreach (var host in new[] { fixture.A, fixture.B })
        {
            foreach (var sweep in Sweeps)
            {
                servers.Add((await HangfireTestJobs.RunAsync(host, sweep)).ProcessedBy ?? string.Empty);
            }
        }
    }

    /// <summary>
    /// A retry, a second server, a second trigger: both sweeps triggered on both servers at once, twice, while each
    /// host also sends both sweeps' requests directly (no lock), concurrently.
    /// </summary>
    private async Task AllAtOnceAsync(TenantInfo tenant, HashSet<string> servers)
    {
        var jobs = new List<(GccSaaSFactory Host, string JobId)>();
        var direct = new List<Task>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var host in new[] { fixture.A, fixture.B })
            {
                jobs.AddRange(Sweeps.Select(sweep => (host, HangfireTestJobs.Trigger(host, sweep))));
                direct.Add(SendAsync(host, tenant, new SendInvitationReminders()));
                direct.Add(SendAsync(host, tenant, new ExpireDueInvitations()));
            }
        }

        await Task.WhenAll(direct);
        foreach (var (host, jobId) in jobs)
        {
            var outcome = await HangfireTestJobs.OutcomeAsync(host, jobId, TimeSpan.FromSeconds(120));
            Assert.True(outcome.State == "Succeeded", $"{jobId} ended {outcome.State}: {outcome.Reason}");
            servers.Add(outcome.ProcessedBy ?? string.Empty);
        }
    }

    private static async Task<int> SendAsync(GccSaaSFactory host, TenantInfo tenant, IRequest<int> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
        }
    }

    private async Task FailAsync(TenantInfo tenant, string sweep, string message) =>
        await AppRoleSql.ExecuteAsync(
            fixture.Database.AppConnectionString,
            tenant.Id,
            """
            INSERT INTO platform.sweep_failures (tenant_id, job_name, failed_at, error)
            VALUES (@t, @job, now(), @error)
            ON CONFLICT (tenant_id, job_name) DO UPDATE SET error = excluded.error, failed_at = excluded.failed_at, resolved_at = NULL
            """,
            ("t", tenant.Id),
            ("job", sweep),
            ("error", "InvalidOperationException: " + message));

    private static string Row(string html, string sweep)
    {
        var start = html.IndexOf($"data-sweep=\"{sweep}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for {sweep}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
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
