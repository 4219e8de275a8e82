using GccSaaS.BuildingBlocks.Jobs;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>Deletes ended rate-limit windows and forgotten guess counts, in batches (issue 18).</summary>
internal sealed class AbuseSweepJob(NpgsqlDataSource dataSource, TimeProvider clock) : ISweepJob
{
    public const string JobName = "abuse-counter-sweep";

    private const int BatchSize = 5000;

    private const string Sweep = """
        WITH gone AS (
            SELECT key, window_start FROM platform.rate_limit_counters WHERE expires_at < @now LIMIT @batch
        )
        DELETE FROM platform.rate_limit_counters c USING gone
         WHERE c.key = gone.key AND c.window_start = gone.window_start;
        WITH gone AS (
            SELECT key FROM platform.sign_in_throttle WHERE expires_at < @now LIMIT @batch
        )
        DELETE FROM platform.sign_in_throttle t USING gone WHERE t.key = gone.key;
        """;

    public async Task RunAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        int deleted;
        do
        {
            await using var command = dataSource.CreateCommand(Sweep);
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            command.Parameters.AddWithValue("batch", BatchSize);
            deleted = await command.ExecuteNonQueryAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
        }
        while (deleted >= BatchSize);
    }
}
