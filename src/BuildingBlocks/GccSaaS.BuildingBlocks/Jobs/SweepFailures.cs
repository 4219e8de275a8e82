using GccSaaS.BuildingBlocks.Data;
using GccSaaS.BuildingBlocks.Tenancy;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Each tenant's last failure of each sweep, in <c>platform.sweep_failures</c> (tenant data: row-level security,
/// so a tenant reads only its own). Written only when a tenant's state changes: a failure is recorded (or replaces
/// the previous one), and the first success after it marks it resolved; a success with nothing open writes nothing.
/// Bookkeeping never fails the sweep it describes: an error here is logged.
/// </summary>
internal sealed partial class SweepFailures(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<SweepFailures> logger)
{
    internal const int MaxErrorLength = 2000;

    public async Task RecordAsync(TenantInfo tenant, SweepRun run, Exception? error, CancellationToken cancellationToken)
    {
        var sql = error is null
            ? """
              UPDATE platform.sweep_failures SET resolved_at = @at
               WHERE tenant_id = @tenant AND job_name = @job AND resolved_at IS NULL
              """
            : """
              INSERT INTO platform.sweep_failures (tenant_id, job_name, failed_at, background_job_id, error, resolved_at)
              VALUES (@tenant, @job, @at, @run, @error, NULL)
              ON CONFLICT (tenant_id, job_name) DO UPDATE
                 SET failed_at = excluded.failed_at, background_job_id = excluded.background_job_id,
                     error = excluded.error, resolved_at = NULL
              """;
        try
        {
            // The tenant is set for this one implicit transaction (the DO block and the statement are one batch).
            await using var command = dataSource.CreateCommand(TenantSql.SetLocalTenant(tenant.Id) + sql);
            command.Parameters.AddWithValue("tenant", tenant.Id);
            command.Parameters.AddWithValue("job", run.Name);
            command.Parameters.AddWithValue("at", clock.GetUtcNow());
            if (error is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<string?>("run", run.BackgroundJobId));
                command.Parameters.AddWithValue("error", Describe(error));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Bookkeeping must not fail the sweep it describes.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogRecordFailed(logger, ex, run.Name, tenant.Id);
        }
    }

    /// <summary>"Type: message" down the exception chain, cut to <see cref="MaxErrorLength"/>. It is this tenant's own error.</summary>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the outcome of sweep {Job} for tenant {TenantId} in platform.sweep_failures")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string job, Guid tenantId);
}
