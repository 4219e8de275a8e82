using Hangfire;

namespace GccSaaS.BuildingBlocks.Jobs;

/// <summary>
/// Turns a sweep's configured interval into the cron expression of its recurring job. Recurring jobs are
/// minute-granular, so an interval is rounded <b>up</b>: to whole minutes below an hour (<c>*/n * * * *</c>), to
/// whole hours below a day (<c>0 */n * * *</c>), to whole days beyond (<c>0 0 */n * *</c>). A sub-minute interval
/// from configuration therefore runs every minute. Cron steps restart at each hour (day, month), so a step that
/// does not divide it evenly leaves one shorter gap there (every 7 minutes: …:49, :56, then :00).
/// </summary>
public static class SweepSchedule
{
    private const int MaxDays = 31;

    /// <summary>The cron expression for <paramref name="interval"/>, and the interval it actually runs at.</summary>
    public static (string Cron, TimeSpan Effective) For(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A sweep's interval must be positive.");
        }

        var minutes = (int)Math.Min(Math.Ceiling(interval.TotalMinutes), int.MaxValue);
        if (minutes < 60)
        {
            return minutes == 1 ? (Cron.Minutely(), TimeSpan.FromMinutes(1)) : (Cron.MinuteInterval(minutes), TimeSpan.FromMinutes(minutes));
        }

        var hours = (int)Math.Ceiling(minutes / 60.0);
        if (hours < 24)
        {
            return hours == 1 ? (Cron.Hourly(), TimeSpan.FromHours(1)) : (Cron.HourInterval(hours), TimeSpan.FromHours(hours));
        }

        var days = Math.Min((int)Math.Ceiling(hours / 24.0), MaxDays);
        return days == 1 ? (Cron.Daily(), TimeSpan.FromDays(1)) : (Cron.DayInterval(days), TimeSpan.FromDays(days));
    }
}
