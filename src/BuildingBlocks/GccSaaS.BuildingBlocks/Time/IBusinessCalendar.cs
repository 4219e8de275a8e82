namespace GccSaaS.BuildingBlocks.Time;

/// <summary>
/// Business-day arithmetic for response deadlines. Rule R-VAL-3: a GCC validation case must be answered
/// within two US business days, and US federal holidays and weekends do not count.
/// </summary>
public interface IBusinessCalendar
{
    /// <summary>True on Monday to Friday unless the day is an (observed) federal holiday.</summary>
    bool IsBusinessDay(DateOnly day);

    /// <summary>True on the day a federal holiday is observed (e.g. Friday 2026-07-03 for July 4th on a Saturday).</summary>
    bool IsFederalHoliday(DateOnly day);

    /// <summary>
    /// Steps forward one day at a time and counts only business days. <paramref name="days"/> = 0 returns
    /// <paramref name="start"/> unchanged; a non-business start is fine (Saturday + 2 = Tuesday).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    DateOnly AddBusinessDays(DateOnly start, int days);

    /// <summary>
    /// The due instant of a case submitted at <paramref name="instant"/>: the business days are counted on the
    /// calendar of the calendar's time zone (US Eastern), the wall-clock time of day is kept, and the result
    /// carries that zone's offset on the due date (so it follows DST changes).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    DateTimeOffset AddBusinessDays(DateTimeOffset instant, int days);

    /// <summary>The federal holidays observed in <paramref name="year"/>, in date order, with their official names.</summary>
    IReadOnlyList<(DateOnly Date, string Name)> FederalHolidays(int year);
}
