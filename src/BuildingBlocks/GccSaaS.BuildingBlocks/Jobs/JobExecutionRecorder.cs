using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Records every run of the platform's jobs in <c>platform.job_executions</c> (one row per job, upserted),
/// from whichever host ran it, so every host's operator page sees the same last start, success and failure.
/// A failure to record is logged and never fails the job.
/// </summary>
internal sealed partial class JobExecutionRecorder(JobsDatabase database, TimeProvider clock, ILogger<JobExecutionRecorder> logger) : IJobListener
{
    internal const int MaxErrorLength = 4000;

    public string Name => "GccSaaS.JobExecutionRecorder";

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await UpsertAsync(context, "last_started_at", error: null, cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (jobException is null)
        {
            await UpsertAsync(context, "last_succeeded_at", error: null, cancellationToken);
        }
        else
        {
            await UpsertAsync(context, "last_failed_at", Describe(jobException), cancellationToken);
        }
    }

    /// <summary>Each exception down the chain as "Type: message", cut to <see cref="MaxErrorLength"/>.</summary>
    internal static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            messages.Add($"{current.GetType().Name}: {current.Message}");
        }

        var text = string.Join(" ---> ", messages);
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }

    private async Task UpsertAsync(IJobExecutionContext context, string column, string? error, CancellationToken cancellationToken)
    {
        // Column names come from this class only, never from input.
        var setError = column == "last_failed_at" ? ", last_error = excluded.last_error" : string.Empty;
        var sql = $"""
            INSERT INTO platform.job_executions (job_name, {column}, last_error, last_instance_id)
            VALUES (@name, @at, @error, @instance)
            ON CONFLICT (job_name) DO UPDATE
               SET {column} = excluded.{column}{setError}, last_instance_id = excluded.last_instance_id
            """;
        try
        {
            await using var command = database.DataSource.CreateCommand(sql);
            command.Parameters.AddWithValue("name", context.JobDetail.Key.Name);
            command.Parameters.AddWithValue("at", clock.GetUtcNow());
            command.Parameters.Add(new NpgsqlParameter<string?>("error", error));
            command.Parameters.AddWithValue("instance", context.Scheduler.SchedulerInstanceId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Bookkeeping must not fail the job it describes.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogRecordFailed(logger, ex, context.JobDetail.Key.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the execution of job {Job} in platform.job_executions")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string job);
}
