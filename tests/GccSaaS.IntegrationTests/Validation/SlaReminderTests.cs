using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using GccSaaS.IntegrationTests.Infrastructure;
using GccSaaS.IntegrationTests.Jobs;
using GccSaaS.Modules.Validation.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GccSaaS.IntegrationTests.Validation;

/// <summary>
/// The SLA sweep (R-VAL-3) on two hosts sharing one database, each with its own Hangfire server running the real
/// <see cref="ValidationSlaSweepJob"/> when triggered (on either server): a late case is reminded once per US business
/// day — never twice, whatever the number of runs, servers or retries — and not at all before it is due or on a weekend.
/// </summary>
[Collection(SchedulerTimingCollection.Name)]
public sealed class SlaReminderTests
{
    private static readonly TimeSpan Eastern = TimeSpan.FromHours(-5);

    [Fact]
    public async Task R_VAL_3_a_late_case_is_reminded_once_per_business_day_under_two_schedulers_and_retries()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The demo seed submits a customer case on Monday 2026-11-30 10:00 Eastern: due Wednesday Dec 2 10:00.
        var clock = new ShiftedClock(new DateTimeOffset(2026, 11, 30, 10, 0, 0, Eastern));
        await using var hostA = Host(database, clock, seed: true);
        _ = hostA.Server;
        await using var hostB = Host(database, clock, seed: false);
        _ = hostB.Server;
        var contoso = await ContosoAsync(hostA);
        var late = await SingleOpenCaseAsync(database);

        // Not due yet: runs of the sweep remind nothing.
        await RunsAsync(hostA, hostB, 3);
        Assert.Empty(await RemindersAsync(database));

        // Wednesday 11:00 Eastern: overdue. One reminder row and one message each for the partner and the reviewers.
        clock.JumpTo(new DateTimeOffset(2026, 12, 2, 11, 0, 0, Eastern));
        await RunsAsync(hostA, hostB, 1);
        Assert.Single(await RemindersAsync(database));
        await RunsAsync(hostA, hostB, 3);
        Assert.Equal([(late, new DateOnly(2026, 12, 2))], await RemindersAsync(database));
        Assert.Equal(1, await OutboxCountAsync(database, contoso.Id, "validation.late"));
        Assert.Equal(1, await OutboxCountAsync(database, contoso.Id, "validation.overdue.reviewers"));

        // Thursday: retries on both hosts at once (as a crash-and-retry or a second scheduler would) send one more, not eight.
        clock.JumpTo(new DateTimeOffset(2026, 12, 3, 11, 0, 0, Eastern));
        var sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RemindAsync(i % 2 == 0 ? hostA : hostB, contoso)));
        Assert.Equal(1, sent.Sum());
        await RunsAsync(hostA, hostB, 3);
        Assert.Equal(2, (await RemindersAsync(database)).Count);
        Assert.Equal(2, await OutboxCountAsync(database, contoso.Id, "validation.late"));

        // Saturday is not a business day: nothing more.
        clock.JumpTo(new DateTimeOffset(2026, 12, 5, 11, 0, 0, Eastern));
        await RunsAsync(hostA, hostB, 3);
        Assert.Equal(2, (await RemindersAsync(database)).Count);
        Assert.Equal(2, await OutboxCountAsync(database, contoso.Id, "validation.late"));
    }

    private static GccSaaSFactory Host(TestDatabase database, TimeProvider clock, bool seed) => new(
        database,
        services => services.AddSingleton(clock),
        HangfireTestJobs.Settings(
            ("Demo:Seed", seed ? "true" : "false"),
            (ValidationSlaReminders.ReviewersEmailKey, "reviewers@gccsaas.example")));

    private static async Task<TenantInfo> ContosoAsync(GccSaaSFactory host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindByIdentifierAsync("contoso-distribution")
            ?? throw new InvalidOperationException("No demo tenant.");
    }

    private static async Task<int> RemindAsync(GccSaaSFactory host, TenantInfo tenant)
    {
        using var tenantScope = host.Services.GetRequiredService<ITenantContextAccessor>().BeginScope(tenant);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ValidationSlaReminders>().RemindAsync(tenant, CancellationToken.None);
    }

    /// <summary>Runs the sweep <paramref name="count"/> more times, in turn on each server, each run after the previous one.</summary>
    private static async Task RunsAsync(GccSaaSFactory hostA, GccSaaSFactory hostB, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await HangfireTestJobs.RunAsync(i % 2 == 0 ? hostA : hostB, ValidationSlaSweepJob.Name);
        }
    }

    private static async Task<Guid> SingleOpenCaseAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ReviewDeskRead("SELECT id FROM validation.cases WHERE state = 'Submitted'"), connection);
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<(Guid Case, DateOnly Day)>> RemindersAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ReviewDeskRead("SELECT case_id, business_day FROM validation.sla_reminders ORDER BY business_day"), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(Guid, DateOnly)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
        }

        return rows;
    }

    private static async Task<long> OutboxCountAsync(TestDatabase database, Guid tenantId, string kind)
    {
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var set = new NpgsqlCommand(TenantSql.SetLocalTenant(tenantId), connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM validation.outbox_messages WHERE tenant_id = @t AND payload->>'kind' = @kind", connection, transaction);
        command.Parameters.AddWithValue("t", tenantId);
        command.Parameters.AddWithValue("kind", kind);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Real time shifted to a chosen instant: it keeps ticking (the schedulers need time to pass) and the test jumps it
    /// forward by days, as the ManualClock does for tests without a scheduler.
    /// </summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private TimeSpan _offset = start - TimeProvider.System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;

        public void JumpTo(DateTimeOffset instant) => _offset = instant - TimeProvider.System.GetUtcNow();
    }

    /// <summary>Cases are fenced by their tenant (ADR 0021); the test reads across tenants on the review desk's path.</summary>
    private static string ReviewDeskRead(string sql)
    {
        using (PlatformAccess.Enter(PlatformAccess.ValidationReview))
        {
            return TenantSql.SetLocalTenant(null) + sql;
        }
    }
}
