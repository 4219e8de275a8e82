using Npgsql;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// What the operator page shows about the platform's jobs: the schedule from Quartz's store and the
/// last start, success and failure from <c>platform.job_executions</c>, both shared by every host, so
/// any host answers the same (a host with <c>Jobs:Enabled</c> false reads through a scheduler it never starts).
/// </summary>
public interface IJobStatusReader
{
    /// <summary>Every job of <see cref="JobsRegistration.JobGroup"/>, by name, as the cluster sees it now.</summary>
    Task<IReadOnlyList<JobStatus>> ReadAsync(CancellationToken cancellationToken = default);
}

/// <summary>One job's schedule (from Quartz's store) and recent history (from <c>platform.job_executions</c>).</summary>
/// <param name="Name">The job's name.</param>
/// <param name="TriggerState">Quartz's trigger state: Normal, Blocked (running), Paused, Error, Complete, or None (no trigger).</param>
/// <param name="PreviousFireTime">When its trigger last fired (UTC).</param>
/// <param name="NextFireTime">When its trigger fires next (UTC), if ever.</param>
/// <param name="LastStartedAt">When a host last started it.</param>
/// <param name="LastSucceededAt">When a run last succeeded.</param>
/// <param name="LastFailure">The last failed run, if any (it may have been followed by successes).</param>
/// <param name="LastInstanceId">The scheduler instance (host) that last started or finished it.</param>
public sealed record JobStatus(
    string Name,
    string TriggerState,
    DateTimeOffset? PreviousFireTime,
    DateTimeOffset? NextFireTime,
    DateTimeOffset? LastStartedAt,
    DateTimeOffset? LastSucceededAt,
    JobFailure? LastFailure,
    string? LastInstanceId)
{
    /// <summary>The last run failed (no success since the last failure).</summary>
    public bool IsFailing => LastFailure is { } failure && (LastSucceededAt is not { } succeeded || failure.FailedAt > succeeded);
}

/// <summary>A failed run: when, and the messages down its exception chain.</summary>
public sealed record JobFailure(DateTimeOffset FailedAt, string Message);

internal sealed class JobStatusReader(ISchedulerFactory schedulers, JobsDatabase database) : IJobStatusReader
{
    public async Task<IReadOnlyList<JobStatus>> ReadAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = await scheduler.QueryJobs(
            new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(JobsRegistration.JobGroup), Take = PagedQuery.All },
            cancellationToken);
        var triggers = await scheduler.QueryTriggers(
            new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(JobsRegistration.JobGroup), Take = PagedQuery.All },
            cancellationToken);
        var executions = await ReadExecutionsAsync(cancellationToken);

        return
        [
            .. jobs.Items.OrderBy(j => j.Key.Name, StringComparer.Ordinal).Select(job =>
            {
                var trigger = triggers.Items
                    .Where(t => t.JobKey.Equals(job.Key))
                    .OrderBy(t => t.NextFireTimeUtc ?? DateTimeOffset.MaxValue)
                    .FirstOrDefault();
                executions.TryGetValue(job.Key.Name, out var execution);
                return new JobStatus(
                    job.Key.Name,
                    (trigger?.State ?? Quartz.TriggerState.None).ToString(),
                    trigger?.PreviousFireTimeUtc,
                    trigger?.NextFireTimeUtc,
                    execution?.StartedAt,
                    execution?.SucceededAt,
                    execution?.FailedAt is { } failedAt ? new JobFailure(failedAt, execution.Error ?? string.Empty) : null,
                    execution?.InstanceId);
            }),
        ];
    }

    private async Task<Dictionary<string, ExecutionRow>> ReadExecutionsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT job_name, last_started_at, last_succeeded_at, last_failed_at, last_error, last_instance_id
              FROM platform.job_executions
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new Dictionary<string, ExecutionRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows[reader.GetString(0)] = new ExecutionRow(
                Nullable<DateTimeOffset>(reader, 1),
                Nullable<DateTimeOffset>(reader, 2),
                Nullable<DateTimeOffset>(reader, 3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5));
        }

        return rows;
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private sealed record ExecutionRow(DateTimeOffset? StartedAt, DateTimeOffset? SucceededAt, DateTimeOffset? FailedAt, string? Error, string? InstanceId);
}
