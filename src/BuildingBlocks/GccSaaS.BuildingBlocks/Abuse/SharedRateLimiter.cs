using Npgsql;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>The answer for one request: allowed or not, and when the window that refused it ends.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Count, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for <c>Retry-After</c>, at least one.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// Fixed-window request counters in <c>platform.rate_limit_counters</c>, shared by every host (issue 18): one
/// upsert per request (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING count</c>) on the pooled data source, outside
/// the request's transaction, so a budget is the same on one host or ten and a refused request still counts.
/// <see cref="AbuseSweepJob"/> deletes windows that have ended.
/// </summary>
public sealed class SharedRateLimiter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Take = """
        INSERT INTO platform.rate_limit_counters AS c (key, window_start, count, expires_at)
        VALUES (@key, @window_start, 1, @expires_at)
        ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
        RETURNING c.count
        """;

    /// <summary>Counts one request against <paramref name="key"/>'s current window of <paramref name="window"/>.</summary>
    public async Task<RateLimitDecision> TakeAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = clock.GetUtcNow();
        var ticks = window.Ticks;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % ticks), TimeSpan.Zero);
        var end = start + window;
        await using var command = dataSource.CreateCommand(Take);
        command.Parameters.AddWithValue("key", key.Length > 200 ? key[..200] : key);
        command.Parameters.AddWithValue("window_start", start);
        command.Parameters.AddWithValue("expires_at", end);
        var count = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new RateLimitDecision(count <= permits, count, end - now);
    }
}
