using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Messaging;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.Modules.Partners;
using GccSaaS.Modules.Partners.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GccSaaS.IntegrationTests.Messaging;

/// <summary>
/// The outbox: a notification commits with the change it announces, is published after commit, once,
/// by whichever host claims it, and survives a host that dies between commit and dispatch.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxTests(PlatformFixture fixture) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 20, 15, 0, 0, TimeSpan.Zero));
    private readonly List<GccSaaSFactory> _hosts = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_notification_from_a_rolled_back_transaction_is_never_published()
    {
        var host = StartHost();
        var tenant = await host.Services.CreateTenantAsync("rb");
        var probe = Guid.NewGuid();

        await EnqueueAsync(host, tenant, new OutboxProbeNotification(tenant.Id, probe), commit: false);
        var published = await DispatchAsync(host, tenant);

        Assert.Equal(0, published);
        Assert.Equal(0, OutboxProbeHandler.AppliedCount(probe));
        Assert.Equal(0, await CountOutboxRowsAsync(host, tenant, processed: null));
    }

    [Fact]
    public async Task A_committed_notification_is_published_once_when_two_dispatchers_run_at_the_same_time()
    {
        var hostA = StartHost();
        var hostB = StartHost();
        var tenant = await hostA.Services.CreateTenantAsync("race");
        var probes = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid()).ToList();
        foreach (var probe in probes)
        {
            await EnqueueAsync(hostA, tenant, new OutboxProbeNotification(tenant.Id, probe), commit: true);
        }

        var results = await Task.WhenAll(
            Task.Run(() => DispatchAsync(hostA, tenant)),
            Task.Run(() => DispatchAsync(hostB, tenant)),
            Task.Run(() => DispatchAsync(hostA, tenant)));

        Assert.Equal(probes.Count, results.Sum());
        Assert.All(probes, probe => Assert.Equal(1, OutboxProbeHandler.AppliedCount(probe)));
        Assert.Equal(probes.Count, await CountOutboxRowsAsync(hostA, tenant, processed: true));
    }

    [Fact]
    public async Task A_committed_notification_is_still_published_after_a_restart_between_commit_and_dispatch()
    {
        var probe = Guid.NewGuid();
        var first = StartHost();
        var tenant = await first.Services.CreateTenantAsync("restart");
        await EnqueueAsync(first, tenant, new OutboxProbeNotification(tenant.Id, probe), commit: true);
        await first.DisposeAsync(); // the host dies after commit, before any dispatch
        _hosts.Remove(first);
        Assert.Equal(0, OutboxProbeHandler.AppliedCount(probe));

        var second = StartHost();
        var published = await DispatchAsync(second, tenant);

        Assert.Equal(1, published);
        Assert.Equal(1, OutboxProbeHandler.AppliedCount(probe));
    }

    [Fact]
    public async Task A_message_delivered_twice_is_applied_once_thanks_to_the_inbox()
    {
        var host = StartHost();
        var tenant = await host.Services.CreateTenantAsync("inbox");
        var probe = Guid.NewGuid();
        await EnqueueAsync(host, tenant, new OutboxProbeNotification(tenant.Id, probe), commit: true);
        Assert.Equal(1, await DispatchAsync(host, tenant));

        // A dispatcher that published and crashed before marking the message: it goes out again.
        await ExecuteAsTenantAsync(host, tenant, "UPDATE partners.outbox_messages SET processed_at = NULL, locked_until = NULL");
        Assert.Equal(1, await DispatchAsync(host, tenant));

        Assert.Equal(1, OutboxProbeHandler.AppliedCount(probe));
    }

    [Fact]
    public async Task A_message_whose_handler_fails_stays_in_the_outbox_and_is_published_after_its_lease()
    {
        var host = StartHost();
        var tenant = await host.Services.CreateTenantAsync("retry");
        var probe = Guid.NewGuid();
        await EnqueueAsync(host, tenant, new OutboxProbeNotification(tenant.Id, probe, FailFirstTime: true), commit: true);

        Assert.Equal(0, await DispatchAsync(host, tenant));
        Assert.Equal(1, await CountOutboxRowsAsync(host, tenant, processed: false));
        Assert.Equal(0, await DispatchAsync(host, tenant)); // still leased: nobody retries at once

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DispatchAsync(host, tenant));
        Assert.Equal(1, OutboxProbeHandler.AppliedCount(probe));
    }

    [Fact]
    public async Task Outbox_messages_carry_the_tenant_and_another_tenants_dispatcher_cannot_claim_them()
    {
        var host = StartHost();
        var owner = await host.Services.CreateTenantAsync("own");
        var other = await host.Services.CreateTenantAsync("oth");
        var probe = Guid.NewGuid();
        await EnqueueAsync(host, owner, new OutboxProbeNotification(owner.Id, probe), commit: true);

        Assert.Equal(0, await DispatchAsync(host, other));
        Assert.Equal(0, OutboxProbeHandler.AppliedCount(probe));
        Assert.Equal(1, await DispatchAsync(host, owner));
    }

    [Fact]
    public async Task A_committed_notification_that_no_request_dispatched_is_published_by_the_clustered_sweep()
    {
        var quiet = StartHost();
        var tenant = await quiet.Services.CreateTenantAsync("sweep");
        var probe = Guid.NewGuid();
        await EnqueueAsync(quiet, tenant, new OutboxProbeNotification(tenant.Id, probe), commit: true);

        var sweeping = StartHost(HangfireTestJobs.Settings());
        await HangfireTestJobs.RunAsync(sweeping, JobsRegistration.OutboxSweepJobName);

        Assert.Equal(1, OutboxProbeHandler.AppliedCount(probe));
        Assert.Equal(1, await CountOutboxRowsAsync(sweeping, tenant, processed: true));
    }

    [Fact]
    public async Task Outbox_work_is_signalled_in_the_same_transaction_so_the_sweep_visits_only_tenants_with_work()
    {
        var host = StartHost();
        var committed = await host.Services.CreateTenantAsync("sig");
        var rolledBack = await host.Services.CreateTenantAsync("nosig");

        await EnqueueAsync(host, committed, new OutboxProbeNotification(committed.Id, Guid.NewGuid()), commit: true);
        await EnqueueAsync(host, rolledBack, new OutboxProbeNotification(rolledBack.Id, Guid.NewGuid()), commit: false);

        Assert.Equal(1L, await CountSignalsAsync(committed.Id));
        Assert.Equal(0L, await CountSignalsAsync(rolledBack.Id));
    }

    private async Task<long> CountSignalsAsync(Guid tenantId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM platform.outbox_signals WHERE module_schema = 'partners' AND tenant_id = @t", connection);
        command.Parameters.AddWithValue("t", tenantId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private GccSaaSFactory StartHost(IDictionary<string, string?>? settings = null)
    {
        var host = new GccSaaSFactory(fixture.Database, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddTransient<INotificationHandler<OutboxProbeNotification>, OutboxProbeHandler>();
        }, settings ?? new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        _ = host.Server;
        host.Services.GetRequiredService<NotificationTypeRegistry>().Register(typeof(OutboxProbeNotification).Assembly);
        _hosts.Add(host);
        return host;
    }

    private static async Task EnqueueAsync(GccSaaSFactory host, TenantInfo tenant, INotification notification, bool commit)
    {
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.EnqueueNotification(notification, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await db.SaveChangesAsync();
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    private static Task<int> DispatchAsync(GccSaaSFactory host, TenantInfo tenant)
    {
        var partners = host.Services.GetRequiredService<ModuleCatalog>().Modules.Single(m => m.Name == PartnersModule.Name);
        return host.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(partners, tenant);
    }

    private static async Task<int> CountOutboxRowsAsync(GccSaaSFactory host, TenantInfo tenant, bool? processed)
    {
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        var query = db.OutboxMessages.AsNoTracking();
        query = processed switch
        {
            true => query.Where(m => m.ProcessedAt != null),
            false => query.Where(m => m.ProcessedAt == null),
            null => query,
        };
        return await query.CountAsync();
    }

    private static async Task ExecuteAsTenantAsync(GccSaaSFactory host, TenantInfo tenant, string sql)
    {
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PartnersDbContext>();
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
