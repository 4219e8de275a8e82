using GccSaaS.BuildingBlocks.Jobs;

namespace GccSaaS.UnitTests.Jobs;

/// <summary>A sweep's configured interval becomes a minute-granular cron expression, rounded up, never down.</summary>
public sealed class SweepScheduleTests
{
    [Theory]
    [InlineData("00:00:01", "* * * * *", "00:01:00")] // sub-minute: every minute
    [InlineData("00:00:30", "* * * * *", "00:01:00")]
    [InlineData("00:01:00", "* * * * *", "00:01:00")]
    [InlineData("00:01:30", "*/2 * * * *", "00:02:00")]
    [InlineData("00:15:00", "*/15 * * * *", "00:15:00")]
    [InlineData("00:59:00", "*/59 * * * *", "00:59:00")]
    [InlineData("01:00:00", "0 * * * *", "01:00:00")]
    [InlineData("01:30:00", "0 */2 * * *", "02:00:00")]
    [InlineData("06:00:00", "0 */6 * * *", "06:00:00")]
    [InlineData("1.00:00:00", "0 0 * * *", "1.00:00:00")]
    [InlineData("2.12:00:00", "0 0 */3 * *", "3.00:00:00")]
    [InlineData("31.00:00:00", "0 0 */31 * *", "31.00:00:00")]
    [InlineData("90.00:00:00", "0 0 */31 * *", "31.00:00:00")] // cron's day step stops at a month
    public void An_interval_maps_to_cron_rounded_up(string interval, string cron, string effective)
    {
        var (actualCron, actualEffective) = SweepSchedule.For(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(cron, actualCron);
        Assert.Equal(TimeSpan.Parse(effective, System.Globalization.CultureInfo.InvariantCulture), actualEffective);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    public void A_non_positive_interval_is_refused(string interval) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSchedule.For(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)));
}
