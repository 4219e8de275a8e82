using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Jobs;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

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
/// One host on its own database with a Hangfire server and a test sweep declared through the product's
/// AddSweepJob, shared by the tests of <see cref="TenantSweepAndSchedulerHostTests"/>.
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
                // Scheduled far away: it runs when a test triggers it.
                services.AddSweepJob<RecordingTenantSweep>(SweepJob, TimeSpan.FromDays(31));
            },
            HangfireTestJobs.Settings());
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

/// <summary>The tenant walk, what operators and providers see of a run, readiness, web-only hosts, and the hangfire schema.</summary>
public sealed class TenantSweepAndSchedulerHostTests(SchedulerHostFixture fixture) : IClassFixture<SchedulerHostFixture>
{
    private const string SweepJob = SchedulerHostFixture.SweepJob;

    private SweepLog Log => fixture.Log;

    private TestDatabase Database => fixture.Database;

    private GccSaaSFactory Host => fixture.Host;

    [Fact]
    public async Task A_tenant_sweep_visits_every_active_tenant_in_its_own_scope_gets_past_a_failing_one_and_the_run_shows_as_failed()
    {
        // More than one page of active tenants, and one suspended tenant that must not be visited.
        var active = new List<TenantInfo>();
        for (var i = 0; i < TenantSweepJob.PageSize + 1; i++)
        {
            active.Add(await Host.Services.CreateTenantAsync("sw"));
        }

        var suspended = await Host.Services.CreateTenantAsync("off");
        await SuspendAsync(suspended.Id);
        var failing = active.OrderBy(t => t.Id).ElementAt(1);
        var healthy = active.OrderBy(t => t.Id).ElementAt(2);
        Log.FailingTenant = failing.Id;
        Log.Visits.Clear();

        var failed = await HangfireTestJobs.OutcomeAsync(Host, HangfireTestJobs.Trigger(Host, SweepJob));

        var visits = Log.Visits.ToList();
        Assert.Equal(active.Select(t => t.Id).Order(), visits.Select(v => v.Tenant)); // in id order, past the failure
        Assert.All(visits, v => Assert.Equal(v.Tenant, v.CurrentTenant));
        Assert.Equal(visits.Count, visits.Select(v => v.Scope).Distinct().Count());
        Assert.DoesNotContain(visits, v => v.Tenant == suspended.Id);

        // The run failed visibly (operators: the dashboard's history) and waits for its automatic retry.
        Assert.True(failed.FailedAndAwaitsRetry, $"{failed.State}: {failed.Reason}");
        Assert.StartsWith($"Retry attempt 1 of {SweepRunner.RetryAttempts}", failed.Reason, StringComparison.Ordinal);
        var failure = failed.History.First(h => h.StateName == "Failed");
        Assert.Contains($"1 of {active.Count} tenant(s)", failure.Data["ExceptionMessage"], StringComparison.Ordinal);

        // The failing tenant sees its own failure; another tenant sees none.
        var ownFailure = (await FactsAsync(failing)).LastFailure;
        Assert.NotNull(ownFailure);
        Assert.True(ownFailure.IsOpen);
        Assert.Contains($"tenant {failing.Identifier} is broken", ownFailure.Message, StringComparison.Ordinal);
        Assert.Null((await FactsAsync(healthy)).LastFailure);

        // Mended: the next run succeeds and marks the tenant's failure resolved (a state change, hence a write).
        Log.FailingTenant = null;
        await HangfireTestJobs.RunAsync(Host, SweepJob);
        var resolved = (await FactsAsync(failing)).LastFailure;
        Assert.NotNull(resolved);
        Assert.False(resolved.IsOpen);
        Assert.Null((await FactsAsync(healthy)).LastFailure);
    }

    [Fact]
    public async Task Readiness_reports_the_database_and_this_hosts_hangfire_server_healthy()
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
        Assert.Contains("last heartbeat", entries.GetProperty("scheduler").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_only_host_runs_no_server_says_so_in_readiness_and_reads_the_shared_schedule()
    {
        await using var webOnly = new GccSaaSFactory(Database, settings: new Dictionary<string, string?> { ["Jobs:Enabled"] = "false" });
        var client = webOnly.CreateClient();
        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var scheduler = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("scheduler");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", scheduler.GetProperty("status").GetString());
        Assert.Contains("Jobs:Enabled is false", scheduler.GetProperty("description").GetString(), StringComparison.Ordinal);

        // It reads the schedule the other host declared, and never joins as a server.
        var storage = webOnly.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var jobs = connection.GetRecurringJobs();
            Assert.Contains(jobs, j => j.Id == JobsRegistration.OutboxSweepJobName && j.NextExecution is not null);
            Assert.Contains(jobs, j => j.Id == SweepJob);
            Assert.Contains(jobs, j => j.Id == "invitation-expiry-sweep");
        }

        Assert.Single(storage.GetMonitoringApi().Servers());
    }

    [Fact]
    public async Task The_hangfire_schema_belongs_to_the_owner_and_the_application_role_may_only_use_it()
    {
        // Installing again, from two "hosts" at once, changes nothing.
        await Task.WhenAll(
            HangfireSchema.InstallAsync(Database.OwnerConnectionString),
            HangfireSchema.InstallAsync(Database.OwnerConnectionString));

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
              FROM pg_namespace n WHERE n.nspname = '{HangfireSchema.Schema}'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "schema hangfire does not exist");
        Assert.Equal(DatabaseRoles.Owner, reader.GetString(0));
        Assert.True(reader.GetBoolean(1), "the application role needs USAGE on schema hangfire");
        Assert.False(reader.GetBoolean(2), "the application role must not create in schema hangfire");
        Assert.True(reader.GetInt64(3) >= 10, $"Hangfire's tables: {reader.GetString(7)}");
        Assert.Equal(0L, reader.GetInt64(4));
        Assert.Equal(0L, reader.GetInt64(5));
        Assert.Equal(0L, reader.GetInt64(6));
        Assert.Contains("jobqueue", reader.GetString(7), StringComparison.Ordinal);
        Assert.Contains("server", reader.GetString(7), StringComparison.Ordinal);
    }

    private async Task<SweepFacts> FactsAsync(TenantInfo tenant)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        using (scope.ServiceProvider.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant))
        {
            return Assert.Single(await scope.ServiceProvider.GetRequiredService<ISweepFacts>().ForCurrentTenantAsync([SweepJob]));
        }
    }

    private async Task SuspendAsync(Guid tenantId)
    {
        await using var connection = new NpgsqlConnection(Database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE platform.tenants SET status = 'Suspended' WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", tenantId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
