using System.Collections.Concurrent;
using System.Collections.ObjectModel;

namespace GccSaaS.BuildingBlocks.Time;

/// <summary>
/// The US business calendar behind rule R-VAL-3 ("US federal holidays and weekends do not count"):
/// Monday to Friday, minus the federal holidays of 5 U.S.C. 6103 on the days they are observed.
/// Deadlines are counted in US Eastern time (America/New_York). Stateless apart from a per-year holiday cache,
/// so it is safe to register as a singleton.
/// </summary>
/// <remarks>
/// Observed days follow OPM: a fixed-date holiday falling on Saturday is observed on the Friday before, one on
/// Sunday on the Monday after. New Year's Day on a Saturday is therefore observed on December 31 of the previous
/// year and belongs to that year's list. Juneteenth counts from 2021, the year it became a federal holiday;
/// older changes to the holiday law are not modelled.
/// </remarks>
public sealed class UsBusinessCalendar : IBusinessCalendar
{
    /// <summary>IANA id; resolved through tzdata/ICU on every platform .NET supports.</summary>
    public const string EasternTimeZoneId = "America/New_York";

    private const int JuneteenthFirstYear = 2021;

    private readonly TimeZoneInfo _eastern = TimeZoneInfo.FindSystemTimeZoneById(EasternTimeZoneId);

    // Holidays are computed once per year and reused; GetOrAdd may compute a year twice under a race,
    // which is harmless because the result is deterministic and immutable.
    private readonly ConcurrentDictionary<int, HolidayYear> _years = new();

    public bool IsBusinessDay(DateOnly day)
        => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsFederalHoliday(day);

    public bool IsFederalHoliday(DateOnly day) => GetYear(day.Year).Dates.ContainsKey(day);

    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        var current = start;
        var remaining = days;
        while (remaining > 0)
        {
            current = current.AddDays(1);
            if (IsBusinessDay(current))
            {
                remaining--;
            }
        }

        return current;
    }

    public DateTimeOffset AddBusinessDays(DateTimeOffset instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);

        // R-VAL-3 counts days as the US sees them: a Friday 23:30 UTC submission is Friday evening in New York.
        var submitted = TimeZoneInfo.ConvertTime(instant, _eastern);
        if (days == 0)
        {
            return submitted;
        }

        var dueDate = AddBusinessDays(DateOnly.FromDateTime(submitted.DateTime), days);
        var dueLocal = dueDate.ToDateTime(TimeOnly.FromTimeSpan(submitted.TimeOfDay), DateTimeKind.Unspecified);

        if (_eastern.IsInvalidTime(dueLocal))
        {
            // Wall-clock time skipped by a spring-forward change: read it with the offset in force before the gap,
            // which lands just after the gap (02:30 becomes 03:30). US changes happen on Sundays, so business days
            // never hit this; it is here so the method is total.
            var before = new DateTimeOffset(dueLocal, _eastern.GetUtcOffset(dueLocal.AddDays(-1)));
            return TimeZoneInfo.ConvertTime(before, _eastern);
        }

        // For an ambiguous (fall-back) wall-clock time GetUtcOffset picks standard time, the later of the two.
        return new DateTimeOffset(dueLocal, _eastern.GetUtcOffset(dueLocal));
    }

    public IReadOnlyList<(DateOnly Date, string Name)> FederalHolidays(int year) => GetYear(year).List;

    private HolidayYear GetYear(int year) => _years.GetOrAdd(year, static y => HolidayYear.Create(y));

    private sealed class HolidayYear
    {
        private HolidayYear(ReadOnlyCollection<(DateOnly Date, string Name)> list, Dictionary<DateOnly, string> dates)
        {
            List = list;
            Dates = dates;
        }

        public ReadOnlyCollection<(DateOnly Date, string Name)> List { get; }

        // Never mutated after construction, so concurrent reads are safe.
        public Dictionary<DateOnly, string> Dates { get; }

        public static HolidayYear Create(int year)
        {
            var candidates = new List<(DateOnly Date, string Name)>
            {
                (Observed(new DateOnly(year, 1, 1)), "New Year's Day"),
                (NthWeekday(year, 1, DayOfWeek.Monday, 3), "Birthday of Martin Luther King, Jr."),
                (NthWeekday(year, 2, DayOfWeek.Monday, 3), "Washington's Birthday"),
                (LastWeekday(year, 5, DayOfWeek.Monday), "Memorial Day"),
                (Observed(new DateOnly(year, 7, 4)), "Independence Day"),
                (NthWeekday(year, 9, DayOfWeek.Monday, 1), "Labor Day"),
                (NthWeekday(year, 10, DayOfWeek.Monday, 2), "Columbus Day"),
                (Observed(new DateOnly(year, 11, 11)), "Veterans Day"),
                (NthWeekday(year, 11, DayOfWeek.Thursday, 4), "Thanksgiving Day"),
                (Observed(new DateOnly(year, 12, 25)), "Christmas Day"),
            };

            if (year >= JuneteenthFirstYear)
            {
                candidates.Add((Observed(new DateOnly(year, 6, 19)), "Juneteenth National Independence Day"));
            }

            // Next year's New Year's Day on a Saturday is observed on December 31 of this year.
            if (year < DateOnly.MaxValue.Year)
            {
                candidates.Add((Observed(new DateOnly(year + 1, 1, 1)), "New Year's Day"));
            }

            // This year's New Year's Day on a Saturday moved into the previous year; drop it here.
            var list = candidates
                .Where(h => h.Date.Year == year)
                .OrderBy(h => h.Date)
                .ToList();

            return new HolidayYear(list.AsReadOnly(), list.ToDictionary(h => h.Date, h => h.Name));
        }

        private static DateOnly Observed(DateOnly date) => date.DayOfWeek switch
        {
            DayOfWeek.Saturday => date.AddDays(-1),
            DayOfWeek.Sunday => date.AddDays(1),
            _ => date,
        };

        private static DateOnly NthWeekday(int year, int month, DayOfWeek dayOfWeek, int n)
        {
            var first = new DateOnly(year, month, 1);
            var offset = ((int)dayOfWeek - (int)first.DayOfWeek + 7) % 7;
            return first.AddDays(offset + (7 * (n - 1)));
        }

        private static DateOnly LastWeekday(int year, int month, DayOfWeek dayOfWeek)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            var offset = ((int)last.DayOfWeek - (int)dayOfWeek + 7) % 7;
            return last.AddDays(-offset);
        }
    }
}
