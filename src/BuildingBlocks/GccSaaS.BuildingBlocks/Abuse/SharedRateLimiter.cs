using Npgsql;
using NpgsqlTypes;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>The answer for one request: allowed or not, and when the window that refused it ends.</summary>
public readonly record struct RateLimitDecision(bool Allowed, int Count, TimeSpan RetryAfter)
{
    /// <summary>Whole seconds for <c>Retry-After</c>, at least one.</summary>
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>One budget a request is counted against: its counter's key and the permits of one window.</summary>
public readonly record struct RateLimitBudget(string Key, int Permits);

/// <summary>
/// Fixed-window request counters in <c>platform.rate_limit_counters</c>, shared by every host (issue 18): one
/// upsert per request (<c>INSERT … ON CONFLICT DO UPDATE … RETURNING count</c>) on the pooled data source, outside
/// the request's transaction, so a budget is the same on one host or ten and a refused request still counts.
/// A request counted against several budgets (the portal's per source and per user) takes them all in that one
/// statement, one round trip (issue 19). <see cref="AbuseSweepJob"/> deletes windows that have ended.
/// </summary>
public sealed class SharedRateLimiter(NpgsqlDataSource dataSource, TimeProvider clock)
{
    // The keys in ordinal order, so two requests that share counters lock them in the same order (no deadlock).
    private const string Take = """
        INSERT INTO platform.rate_limit_counters AS c (key, window_start, count, expires_at)
        SELECT k.key, @window_start, 1, @expires_at FROM unnest(@keys) WITH ORDINALITY AS k(key, n) ORDER BY k.n
        ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
        RETURNING c.key, c.count
        """;

    /// <summary>Counts one request against <paramref name="key"/>'s current window of <paramref name="window"/>.</summary>
    public async Task<RateLimitDecision> TakeAsync(string key, int permits, TimeSpan window, CancellationToken cancellationToken) =>
        (await TakeAsync([new RateLimitBudget(key, permits)], window, cancellationToken)).Decision;

    /// <summary>
    /// Counts one request against every budget's current window of <paramref name="window"/> in one statement. The
    /// request is allowed when no budget is exceeded; every counter counts it either way. Answers the decision and
    /// the key of the first budget that refused it (null when allowed).
    /// </summary>
    public async Task<(RateLimitDecision Decision, string? RefusedBy)> TakeAsync(
        IReadOnlyCollection<RateLimitBudget> budgets, TimeSpan window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        if (budgets.Count == 0)
        {
            throw new ArgumentException("At least one budget is needed.", nameof(budgets));
        }

        var now = clock.GetUtcNow();
        var ticks = window.Ticks;
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % ticks), TimeSpan.Zero);
        var end = start + window;
        var permits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var budget in budgets)
        {
            ArgumentException.ThrowIfNullOrEmpty(budget.Key);
            var key = KeyOf(budget);
            permits[key] = permits.TryGetValue(key, out var other) ? Math.Min(other, budget.Permits) : budget.Permits;
        }

        var keys = permits.Keys.Order(StringComparer.Ordinal).ToArray();
        await using var command = dataSource.CreateCommand(Take);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.AddWithValue("window_start", start);
        command.Parameters.AddWithValue("expires_at", end);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        // The first budget, in the caller's order, that this request exceeded refuses it.
        foreach (var key in budgets.Select(KeyOf))
        {
            if (counts[key] > permits[key])
            {
                return (new RateLimitDecision(false, counts[key], end - now), key);
            }
        }

        return (new RateLimitDecision(true, counts.Values.Max(), end - now), null);
    }

    private static string KeyOf(RateLimitBudget budget) => budget.Key.Length > 200 ? budget.Key[..200] : budget.Key;
}
