using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GccSaaS.BuildingBlocks.Abuse;

/// <summary>Configuration section <c>SignInThrottle</c>: how many failed guesses go free, and the delays after.</summary>
public sealed class GuessThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Failed guesses at one account (from anywhere) before each further one waits.</summary>
    public int AccountFreeFailures { get; set; } = 5;

    /// <summary>Failed guesses from one source address (at any account) before each further one waits: password spraying.</summary>
    public int SourceFreeFailures { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long failures are remembered after the last one (then the count starts again at zero).</summary>
    public TimeSpan Memory { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Throttles guessing at every password or token form (issue 18) without a lockout weapon or an account oracle.
/// Failures are counted per account key (a hash of the form and the typed name, whether or not such an account
/// exists) and per source address; past the free failures each further guess from that source, or at that
/// account from anywhere, is refused until a delay that doubles with each failure, capped at
/// <see cref="GuessThrottleOptions.MaxDelay"/>. A refused guess is not checked and does not count. Nothing here
/// knows whether an account exists, so unknown and existing accounts get the same answers; a success clears the
/// account's count only (a sprayer's source keeps its count). Kept in <c>platform.sign_in_throttle</c>, shared by
/// every host; the times come from <see cref="TimeProvider"/>.
/// </summary>
public sealed class GuessThrottle(NpgsqlDataSource dataSource, TimeProvider clock, IOptions<GuessThrottleOptions> options)
{
    private const string Blocked = """
        SELECT max(blocked_until) FROM platform.sign_in_throttle
         WHERE key = ANY(@keys) AND blocked_until > @now
        """;

    private const string Fail = """
        INSERT INTO platform.sign_in_throttle AS t (key, failures, blocked_until, expires_at)
        VALUES (@key, 1, NULL, @now + @memory)
        ON CONFLICT (key) DO UPDATE SET
            failures = CASE WHEN t.expires_at < @now THEN 1 ELSE t.failures + 1 END,
            expires_at = greatest(t.expires_at, @now + @memory)
        RETURNING t.failures
        """;

    private const string Block = """
        UPDATE platform.sign_in_throttle SET blocked_until = @until, expires_at = greatest(expires_at, @until)
         WHERE key = @key
        """;

    private const string Clear = "DELETE FROM platform.sign_in_throttle WHERE key = @key";

    /// <summary>The key of one account on one form (<c>portal</c>, <c>customer</c>, …): a hash, never the name itself.</summary>
    public static string AccountKey(string form, string? account)
    {
        var normalized = (account ?? string.Empty).Trim().ToUpperInvariant();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(form + "\n" + normalized));
        return "account:" + form + ":" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The key of the caller's address (one budget for every form and every account).</summary>
    public static string SourceKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return "source:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>The time left before another guess is allowed at this account from this source, or null.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string accountKey, string sourceKey, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = dataSource.CreateCommand(Blocked);
        command.Parameters.AddWithValue("keys", new[] { accountKey, sourceKey });
        command.Parameters.AddWithValue("now", now);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime until
            ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) - now
            : null;
    }

    /// <summary>Counts a failed guess against the account and the source; returns the wait it starts, if any.</summary>
    public async Task<TimeSpan?> FailedAsync(string accountKey, string sourceKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var account = await CountAsync(accountKey, settings.AccountFreeFailures, cancellationToken);
        var source = await CountAsync(sourceKey, settings.SourceFreeFailures, cancellationToken);
        return account is null ? source : source is null ? account : (account > source ? account : source);
    }

    /// <summary>A right answer clears the account's failures (not the source's).</summary>
    public async Task SucceededAsync(string accountKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Clear);
        command.Parameters.AddWithValue("key", accountKey);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The wait after the <paramref name="failures"/>th failure with <paramref name="free"/> going free.</summary>
    public static TimeSpan? DelayAfter(int failures, int free, TimeSpan first, TimeSpan max)
    {
        if (failures < free)
        {
            return null;
        }

        var doublings = Math.Min(failures - free, 30);
        var delay = first.Ticks * Math.Pow(2, doublings);
        return delay >= max.Ticks ? max : TimeSpan.FromTicks((long)delay);
    }

    private async Task<TimeSpan?> CountAsync(string key, int free, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        await using var fail = dataSource.CreateCommand(Fail);
        fail.Parameters.AddWithValue("key", key);
        fail.Parameters.AddWithValue("now", now);
        fail.Parameters.AddWithValue("memory", settings.Memory);
        var failures = Convert.ToInt32(await fail.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        var delay = DelayAfter(failures, free, settings.FirstDelay, settings.MaxDelay);
        if (delay is { } wait)
        {
            await using var block = dataSource.CreateCommand(Block);
            block.Parameters.AddWithValue("key", key);
            block.Parameters.AddWithValue("until", now + wait);
            await block.ExecuteNonQueryAsync(cancellationToken);
        }

        return delay;
    }
}
