using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Hangfire;
using Hangfire.Storage;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// What a provider may see about the platform's sweeps on its own settings pages: when a sweep last ran and runs
/// next (Hangfire's recurring-job data, shared by every host, so a web-only host answers the same) and the
/// current tenant's own last failure (row-level security: never another tenant's). Implemented here, in
/// BuildingBlocks, so a module asks BuildingBlocks and neither the host nor another module.
/// </summary>
public interface ISweepFacts
{
    /// <summary>The named sweeps as they concern the current tenant, in the order asked.</summary>
    Task<IReadOnlyList<SweepFacts>> ForCurrentTenantAsync(IReadOnlyList<string> sweeps, CancellationToken cancellationToken = default);
}

/// <param name="Name">The sweep (its recurring job's id).</param>
/// <param name="IsScheduled">Whether the recurring job exists in the shared storage (a host with jobs on registered it).</param>
/// <param name="LastRunAt">When its last run was started (scheduled or triggered), UTC.</param>
/// <param name="NextRunAt">When it runs next, UTC.</param>
/// <param name="LastFailure">The current tenant's last failure of this sweep, if it ever failed for it.</param>
public sealed record SweepFacts(string Name, bool IsScheduled, DateTimeOffset? LastRunAt, DateTimeOffset? NextRunAt, SweepFailure? LastFailure);

/// <param name="FailedAt">When the sweep last failed for this tenant.</param>
/// <param name="Message">The tenant's own error ("Type: message").</param>
/// <param name="ResolvedAt">When a later run first succeeded for this tenant; null while it still fails.</param>
public sealed record SweepFailure(DateTimeOffset FailedAt, string Message, DateTimeOffset? ResolvedAt)
{
    public bool IsOpen => ResolvedAt is null;
}

internal sealed class SweepFactsReader(JobStorage storage, NpgsqlDataSource dataSource, ITenantContextAccessor tenants) : ISweepFacts
{
    public async Task<IReadOnlyList<SweepFacts>> ForCurrentTenantAsync(IReadOnlyList<string> sweeps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        var tenant = tenants.RequireTenant();
        Dictionary<string, RecurringJobDto> schedule;
        using (var connection = storage.GetConnection())
        {
            schedule = connection.GetRecurringJobs(sweeps)
                .Where(j => !j.Removed)
                .ToDictionary(j => j.Id, StringComparer.Ordinal);
        }

        var failures = await ReadFailuresAsync(tenant.Id, sweeps, cancellationToken);
        return
        [
            .. sweeps.Select(name =>
            {
                schedule.TryGetValue(name, out var job);
                failures.TryGetValue(name, out var failure);
                return new SweepFacts(name, job is not null, Utc(job?.LastExecution), Utc(job?.NextExecution), failure);
            }),
        ];
    }

    private async Task<Dictionary<string, SweepFailure>> ReadFailuresAsync(Guid tenantId, IReadOnlyList<string> sweeps, CancellationToken cancellationToken)
    {
        // Row-level security keeps this to the tenant set in the same batch; the predicate only helps the index.
        await using var command = dataSource.CreateCommand(TenantSql.SetLocalTenant(tenantId) + """
            SELECT job_name, failed_at, error, resolved_at
              FROM platform.sweep_failures
             WHERE tenant_id = @tenant AND job_name = ANY(@names)
            """);
        command.Parameters.AddWithValue("tenant", tenantId);
        command.Parameters.AddWithValue("names", sweeps.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, SweepFailure>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = new SweepFailure(
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
        }

        return rows;
    }

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
}
