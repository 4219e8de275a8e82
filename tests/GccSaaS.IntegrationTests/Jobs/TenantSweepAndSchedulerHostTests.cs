using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>What a <see cref="RecordingTenantSweep"/> saw, per tenant it visited.</summary>
public sealed record SweepVisit(Guid Tenant, Guid? CurrentTenant, Guid Scope);

public sealed class SweepLog
{
    public ConcurrentQueue<SweepVisit> Visits { get; } = new();

    public Guid? FailingTenant { get; set; }
}

/// <summary>A scoped marker: a fresh scope per tenant shows as a fresh id per tenant.</summary>
public sealed class ScopeMarker
{
    public Guid Id { get; } = Guid.NewGuid();
}

[DisallowConcurrentExecution]
public sealed class RecordingTenantSweep(IServiceScopeFactory scopes, ITenantContextAccessor tenants, ILogger<RecordingTenantSweep> logger, SweepLog log)
    : TenantSweepJob(scopes, tenants, logger)
{
    protected override Task SweepTenantAsync(IServiceProvider scopedServices, TenantInfo tenant, CancellationToken cancellationToken)
    {
        var current = scopedServices.GetRequiredService<ITenantContextAccessor>().Current;
        log.Visits.Enqueue(new SweepVisit(tenant.Id, current?.Id, scopedServices.GetRequiredService<ScopeMarker>().Id));
        return tenant.Id == log.FailingTenant
            ? throw new InvalidOperationException($"tenant {tenant.Identifier} is broken")
            : Task.CompletedTask;
    }
}

/// <summary>
/// One host on its own database with the scheduler running and a test sweep registered through the
/// product's AddSweepJob, shared by the tests of <see cref="TenantSweepAndSchedulerHostTests"/>.
/// </summary>
public sealed class SchedulerHostFixture : IAsyncLifetime
{
    public const string SweepJob = "recording-sweep";

    private TestDatabase? _database;
    private GccSaaSFactory? _host;

    public SweepLog Log { get; } = new();

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Fixture not initialised.");

    public GccSaaSFactory Host => _host ?? throw new InvalidOperationException("Fixture not initialised.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _host = new GccSaaSFactory(
            _database,
            services =>
            {
                services.AddSingleton(Log);
                services.AddScoped<ScopeMarker>();
                // Runs once at start (no tenants yet), then only when a test triggers it.
                services.AddSweepJob<RecordingTenantSweep>(SweepJob, TimeSpan.FromHours(1));
            },
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Outbox:SweepInterval"] = "01:00:00" });
        _ = _host.Server;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>The tenant walk, the job state an operator sees, readiness, and the quartz schema.</summary>
public sealed class TenantSweepAndSchedulerHostTests(SchedulerHostFixture fixture) : IClassFixture<SchedulerHostFixture>
{
    private const string SweepJob = SchedulerHostFixture.SweepJob;

    private SweepLog Log => fixture.Log;

    private TestDatabase Database => fixture.Database;

    private GccSaaSFactory Host => fixture.Host;

    [Fact]
    public async Task A_tenant_sweep_visits_every_active_tenant_in_its_own_scope_with_that_tenant_set_and_gets_past_a_failing_one()
    {
        var reader = Host.Services.GetRequiredService<IJobStatusReader>();
        await Eventually.UntilAsync(() => reader.ReadAsync(), jobs => jobs.Any(j => j.Name == SweepJob && j.LastSucceededAt is not null), TimeSpan.FromSeconds(20), "the first (empty) sweep to finish");

        // More than one page of active tenants, and one suspended tenant that must not be visited.
        var active = new List<TenantInfo>();
        for (var i = 0; i < TenantSweepJob.PageSize + 1; i++)
        {
            active.Add(await Host.Services.CreateTenantAsync("sw"));
        }

        var suspended = await Host.Services.CreateTenantAsync("off");
        await SuspendAsync(suspended.Id);
        var failing = active.OrderBy(t => t.Id).ElementAt(1);
        Log.FailingTenant = failing.Id;
        Log.Visits.Clear();

        var triggered = DateTimeOffset.UtcNow;
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.TriggerJob(new JobKey(SweepJob, JobsRegistration.JobGroup));
        // The recorder writes the failure as the run ends; Quartz unblocks the trigger just after.
        var jobs = await Eventually.UntilAsync(
            () => reader.ReadAsync(),
            js => js.Single(j => j.Name == SweepJob) is { LastFailure.FailedAt: var failedAt, TriggerState: not nameof(TriggerState.Blocked) } && failedAt > triggered,
            TimeSpan.FromSeconds(30),
            "the triggered sweep to finish");

        var visits = Log.Visits.ToList();
        Assert.Equal(active.Select(t => t.Id).Order(), visits.Select(v => v.Tenant).Order());
        Assert.All(visits, v => Assert.Equal(v.Tenant, v.CurrentTenant));
        Assert.Equal(visits.Count, visits.Select(v => v.Scope).Distinct().Count());
        Assert.DoesNotContain(visits, v => v.Tenant == suspended.Id);
        Assert.Equal(active.Select(t => t.Id).Order(), visits.Select(v => v.Tenant)); // in id order, past the failure

        // The failure is visible to the operator, from the durable record.
        var status = jobs.Single(j => j.Name == SweepJob);
        Assert.True(status.IsFailing);
        Assert.Contains($"1 of {active.Count} tenant(s)", status.LastFailure!.Message, StringComparison.Ordinal);
        Assert.Contains(failing.Identifier, status.LastFailure.Message, StringComparison.Ordinal);
        Assert.Equal(scheduler.SchedulerInstanceId, status.LastInstanceId);
        Assert.Equal(nameof(TriggerState.Normal), status.TriggerState);
        Assert.True(status.NextFireTime > DateTimeOffset.UtcNow.AddMinutes(50), $"next fire {status.NextFireTime}");
        Assert.NotNull(status.PreviousFireTime);
        Assert.Contains(jobs, j => j.Name == JobsRegistration.OutboxSweepJobName);
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_the_running_scheduler_healthy()
    {
        var client = Host.CreateClient();
        var checks = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
                return (response.StatusCode, Body: body.Clone());
            },
            r => r.StatusCode == HttpStatusCode.OK && r.Body.GetProperty("status").GetString() == "Healthy",
            TimeSpan.FromSeconds(20),
            "/health/ready to report Healthy");

        var entries = checks.Body.GetProperty("checks");
        Assert.Equal("Healthy", entries.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("scheduler").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_host_with_jobs_disabled_runs_no_scheduler_and_says_so_in_readiness()
    {
        await using var quiet = new GccSaaSFactory(Database, settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var client = quiet.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var scheduler = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("scheduler");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
        Assert.Contains("Jobs:Enabled is false", scheduler.GetProperty("description").GetString(), StringComparison.Ordinal);

        // It can still show the operator the cluster's jobs, and it never joins the cluster.
        var jobs = await quiet.Services.GetRequiredService<IJobStatusReader>().ReadAsync();
        Assert.Contains(jobs, j => j.Name == JobsRegistration.OutboxSweepJobName && j.NextFireTime is not null);
        Assert.Contains(jobs, j => j.Name == SweepJob);
        Assert.Equal(1L, await OwnerScalarAsync<long>($"SELECT count(*) FROM {QuartzSchema.TablePrefix}scheduler_state WHERE sched_name = '{JobsRegistration.SchedulerName}'"));
    }

    [Fact]
    public async Task The_quartz_schema_belongs_to_the_owner_and_the_application_role_may_only_use_it()
    {
        // Provisioning again, from two "hosts" at once, changes nothing.
        await Task.WhenAll(
            QuartzSchema.ProvisionAsync(Database.OwnerConnectionString),
            QuartzSchema.ProvisionAsync(Database.OwnerConnectionString));

        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_get_userbyid(n.nspowner),
                   has_schema_privilege('{DatabaseRoles.Application}', n.oid, 'USAGE'),
                   has_schema_privilege('{DatabaseRoles.Application}', n.oid, 'CREATE'),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'r'),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND pg_get_userbyid(c.relowner) <> '{DatabaseRoles.Owner}'),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'r'
                       AND NOT has_table_privilege('{DatabaseRoles.Application}', c.oid, 'SELECT, INSERT, UPDATE, DELETE')),
                   (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'r'
                       AND has_table_privilege('{DatabaseRoles.Application}', c.oid, 'TRUNCATE, REFERENCES, TRIGGER')),
                   (SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind = 'r')
              FROM pg_namespace n WHERE n.nspname = '{QuartzSchema.Schema}'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "schema quartz does not exist");
        Assert.Equal(DatabaseRoles.Owner, reader.GetString(0));
        Assert.True(reader.GetBoolean(1), "the application role needs USAGE on schema quartz");
        Assert.False(reader.GetBoolean(2), "the application role must not create in schema quartz");
        Assert.True(reader.GetInt64(3) >= 11, $"Quartz's tables: {reader.GetString(7)}");
        Assert.Equal(0L, reader.GetInt64(4));
        Assert.Equal(0L, reader.GetInt64(5));
        Assert.Equal(0L, reader.GetInt64(6));
        Assert.Contains("qrtz_triggers", reader.GetString(7), StringComparison.Ordinal);
        Assert.Contains("qrtz_scheduler_state", reader.GetString(7), StringComparison.Ordinal);
    }

    private async Task SuspendAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE platform.tenants SET status = 'Suspended' WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", tenantId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task<T> OwnerScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
