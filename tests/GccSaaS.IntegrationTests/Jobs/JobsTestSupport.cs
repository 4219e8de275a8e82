using Npgsql;
using Quartz;

namespace GccSaaS.IntegrationTests.Jobs;

/// <summary>One recorded run of <see cref="RecordingJob"/>.</summary>
public sealed record Execution(string Job, DateTimeOffset ScheduledFireTime, DateTimeOffset FireTime, string FireInstanceId, string SchedulerInstanceId, string Host);

/// <summary>
/// Where test jobs write what ran: a table of the test database (schema <c>jobs_test</c>), written with the
/// owner's connection string, so every host of a test writes to one place and nothing dedupes for it.
/// </summary>
public sealed class ExecutionLog(string connectionString, string host)
{
    public string Host => host;

    public static async Task CreateTableAsync(string ownerConnectionString)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE SCHEMA IF NOT EXISTS jobs_test;
            CREATE TABLE IF NOT EXISTS jobs_test.executions (
                job text NOT NULL,
                scheduled_fire_time timestamptz NOT NULL,
                fire_time timestamptz NOT NULL,
                fire_instance_id text NOT NULL,
                scheduler_instance_id text NOT NULL,
                host text NOT NULL
            );
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<IReadOnlyList<Execution>> ReadAsync(string ownerConnectionString, string job)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT job, scheduled_fire_time, fire_time, fire_instance_id, scheduler_instance_id, host
              FROM jobs_test.executions WHERE job = @job ORDER BY fire_time, scheduled_fire_time
            """,
            connection);
        command.Parameters.AddWithValue("job", job);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Execution>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Execution(
                reader.GetString(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5)));
        }

        return rows;
    }

    public async Task RecordAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO jobs_test.executions (job, scheduled_fire_time, fire_time, fire_instance_id, scheduler_instance_id, host)
            VALUES (@job, @scheduled, @fired, @fireInstance, @schedulerInstance, @host)
            """,
            connection);
        command.Parameters.AddWithValue("job", context.JobDetail.Key.Name);
        command.Parameters.AddWithValue("scheduled", context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        command.Parameters.AddWithValue("fired", context.FireTimeUtc);
        command.Parameters.AddWithValue("fireInstance", context.FireInstanceId);
        command.Parameters.AddWithValue("schedulerInstance", context.Scheduler.SchedulerInstanceId);
        command.Parameters.AddWithValue("host", host);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A recurring job that only records that it ran, and where.</summary>
[DisallowConcurrentExecution]
public sealed class RecordingJob(ExecutionLog log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await log.RecordAsync(context, cancellationToken);
}

public static class Eventually
{
    /// <summary>Polls until <paramref name="condition"/> holds, failing with <paramref name="what"/> at the deadline.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > until)
            {
                Assert.Fail($"Timed out after {deadline.TotalSeconds:0.#} s waiting for {what}. Last value: {Format(value)}");
            }

            await Task.Delay(100);
        }
    }

    private static string Format<T>(T value) => value switch
    {
        IEnumerable<Execution> rows => string.Join(Environment.NewLine, rows.Select(r => r.ToString())),
        _ => value?.ToString() ?? "null",
    };
}
