using System.Globalization;
using GccSaaS.BuildingBlocks.Time;

namespace GccSaaS.UnitTests.Time;

public sealed class UsBusinessCalendarTests
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private readonly UsBusinessCalendar _calendar = new();

    [Theory]
    [InlineData("2026-11-20", 2, "2026-11-24")] // Friday -> Tuesday over a plain weekend
    [InlineData("2026-11-25", 2, "2026-11-30")] // Wednesday; Thanksgiving 11-26 skipped, Friday 11-27 counts
    [InlineData("2026-12-24", 1, "2026-12-28")] // Thursday; Christmas Friday 12-25 skipped
    [InlineData("2026-11-21", 2, "2026-11-24")] // Saturday -> Monday (1), Tuesday (2)
    [InlineData("2026-11-22", 1, "2026-11-23")] // Sunday -> Monday
    [InlineData("2026-07-02", 1, "2026-07-06")] // Thursday; observed Independence Day Friday 07-03 skipped
    [InlineData("2021-12-30", 1, "2022-01-03")] // Thursday; observed New Year 2022 on Friday 2021-12-31 skipped
    [InlineData("2026-11-18", 0, "2026-11-18")]
    public void AddBusinessDays_skips_weekends_and_observed_federal_holidays(string start, int days, string expected)
    {
        Assert.Equal(Date(expected), _calendar.AddBusinessDays(Date(start), days));
    }

    [Fact]
    public void Adding_zero_business_days_to_a_Saturday_returns_the_Saturday()
    {
        var saturday = Date("2026-11-21");
        Assert.Equal(DayOfWeek.Saturday, saturday.DayOfWeek);

        Assert.Equal(saturday, _calendar.AddBusinessDays(saturday, 0));
    }

    [Fact]
    public void Adding_two_business_days_to_a_Saturday_gives_Tuesday()
    {
        var due = _calendar.AddBusinessDays(Date("2026-11-21"), 2);

        Assert.Equal(DayOfWeek.Tuesday, due.DayOfWeek);
        Assert.Equal(Date("2026-11-24"), due);
    }

    [Fact]
    public void Negative_business_days_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _calendar.AddBusinessDays(Date("2026-11-20"), -1));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => _calendar.AddBusinessDays(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.FromHours(-5)), -1));
    }

    [Fact]
    public void Independence_Day_on_a_Saturday_is_observed_on_the_Friday_before()
    {
        Assert.Equal(DayOfWeek.Saturday, Date("2026-07-04").DayOfWeek);

        Assert.True(_calendar.IsFederalHoliday(Date("2026-07-03")));
        Assert.False(_calendar.IsFederalHoliday(Date("2026-07-04")));
        Assert.False(_calendar.IsBusinessDay(Date("2026-07-03")));
    }

    [Fact]
    public void Independence_Day_on_a_Sunday_is_observed_on_the_Monday_after()
    {
        Assert.Equal(DayOfWeek.Sunday, Date("2027-07-04").DayOfWeek);

        Assert.True(_calendar.IsFederalHoliday(Date("2027-07-05")));
        Assert.False(_calendar.IsBusinessDay(Date("2027-07-05")));
        Assert.True(_calendar.IsBusinessDay(Date("2027-07-02")));
    }

    [Fact]
    public void New_Year_2022_on_a_Saturday_is_observed_on_Friday_December_31_2021()
    {
        Assert.Equal(DayOfWeek.Saturday, Date("2022-01-01").DayOfWeek);

        Assert.True(_calendar.IsFederalHoliday(Date("2021-12-31")));
        Assert.Contains((Date("2021-12-31"), "New Year's Day"), _calendar.FederalHolidays(2021));
        Assert.DoesNotContain(_calendar.FederalHolidays(2022), h => h.Name == "New Year's Day");
        Assert.DoesNotContain(_calendar.FederalHolidays(2022), h => h.Date.Year != 2022);
    }

    [Fact]
    public void Juneteenth_is_not_a_holiday_before_2021()
    {
        Assert.Equal(DayOfWeek.Friday, Date("2020-06-19").DayOfWeek);

        Assert.False(_calendar.IsFederalHoliday(Date("2020-06-19")));
        Assert.True(_calendar.IsBusinessDay(Date("2020-06-19")));
        Assert.DoesNotContain(_calendar.FederalHolidays(2020), h => h.Name.StartsWith("Juneteenth", StringComparison.Ordinal));
    }

    [Fact]
    public void Juneteenth_2021_on_a_Saturday_is_observed_on_Friday_June_18()
    {
        Assert.Equal(DayOfWeek.Saturday, Date("2021-06-19").DayOfWeek);

        Assert.True(_calendar.IsFederalHoliday(Date("2021-06-18")));
        Assert.False(_calendar.IsFederalHoliday(Date("2021-06-19")));
    }

    [Fact]
    public void The_2026_holidays_match_the_OPM_2026_list()
    {
        (DateOnly, string)[] expected =
        [
            (Date("2026-01-01"), "New Year's Day"),
            (Date("2026-01-19"), "Birthday of Martin Luther King, Jr."),
            (Date("2026-02-16"), "Washington's Birthday"),
            (Date("2026-05-25"), "Memorial Day"),
            (Date("2026-06-19"), "Juneteenth National Independence Day"),
            (Date("2026-07-03"), "Independence Day"),
            (Date("2026-09-07"), "Labor Day"),
            (Date("2026-10-12"), "Columbus Day"),
            (Date("2026-11-11"), "Veterans Day"),
            (Date("2026-11-26"), "Thanksgiving Day"),
            (Date("2026-12-25"), "Christmas Day"),
        ];

        Assert.Equal(expected, _calendar.FederalHolidays(2026));
    }

    [Fact]
    public void The_2027_holidays_move_Saturday_holidays_to_Friday_including_New_Year_2028()
    {
        DateOnly[] expected =
        [
            Date("2027-01-01"), Date("2027-01-18"), Date("2027-02-15"), Date("2027-05-31"),
            Date("2027-06-18"), Date("2027-07-05"), Date("2027-09-06"), Date("2027-10-11"),
            Date("2027-11-11"), Date("2027-11-25"), Date("2027-12-24"), Date("2027-12-31"),
        ];

        Assert.Equal(expected, _calendar.FederalHolidays(2027).Select(h => h.Date));
    }

    [Fact]
    public void The_2021_holidays_include_the_observed_Christmas_and_New_Year_on_consecutive_Fridays()
    {
        var dates = _calendar.FederalHolidays(2021).Select(h => h.Date).ToArray();

        Assert.Equal(12, dates.Length); // 11 holidays plus New Year 2022 observed on 2021-12-31
        Assert.Contains(Date("2021-12-24"), dates); // Christmas 2021 was a Saturday
        Assert.Contains(Date("2021-12-31"), dates);
        Assert.Equal(dates.Order(), dates);
    }

    [Fact]
    public void Holiday_lists_are_cached_and_consistent_under_concurrent_use()
    {
        var lists = new IReadOnlyList<(DateOnly Date, string Name)>[64];
        Parallel.For(0, lists.Length, i => lists[i] = _calendar.FederalHolidays(2030 + (i % 4)));

        for (var i = 4; i < lists.Length; i++)
        {
            Assert.Equal(lists[i % 4], lists[i]);
        }

        Assert.Same(_calendar.FederalHolidays(2026), _calendar.FederalHolidays(2026));
    }

    [Fact]
    public void Due_instant_keeps_the_wall_clock_time_across_the_end_of_DST()
    {
        // DST ends in the US on the first Sunday of November: 2026-11-01. Check against the zone data.
        Assert.True(Eastern.IsDaylightSavingTime(new DateTime(2026, 10, 31, 12, 0, 0, DateTimeKind.Unspecified)));
        Assert.False(Eastern.IsDaylightSavingTime(new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Unspecified)));

        var submitted = new DateTimeOffset(2026, 10, 30, 15, 0, 0, TimeSpan.FromHours(-4)); // Friday, EDT

        var due = _calendar.AddBusinessDays(submitted, 2);

        AssertSameInstantAndOffset(new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.FromHours(-5)), due); // Tuesday, EST
        Assert.Equal(TimeSpan.FromHours((4 * 24) + 1), due - submitted); // four calendar days plus the hour gained
    }

    [Fact]
    public void Due_instant_keeps_the_wall_clock_time_across_the_start_of_DST()
    {
        // DST starts in the US on the second Sunday of March: 2026-03-08.
        Assert.False(Eastern.IsDaylightSavingTime(new DateTime(2026, 3, 7, 12, 0, 0, DateTimeKind.Unspecified)));
        Assert.True(Eastern.IsDaylightSavingTime(new DateTime(2026, 3, 8, 12, 0, 0, DateTimeKind.Unspecified)));

        var submitted = new DateTimeOffset(2026, 3, 6, 9, 30, 0, TimeSpan.FromHours(-5)); // Friday, EST

        var due = _calendar.AddBusinessDays(submitted, 2);

        AssertSameInstantAndOffset(new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(-4)), due); // Tuesday, EDT
    }

    [Fact]
    public void A_UTC_instant_late_on_Friday_is_counted_from_Friday_evening_in_New_York()
    {
        var submitted = new DateTimeOffset(2026, 11, 20, 23, 30, 0, TimeSpan.Zero); // Friday 18:30 EST

        var due = _calendar.AddBusinessDays(submitted, 2);

        AssertSameInstantAndOffset(new DateTimeOffset(2026, 11, 24, 18, 30, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void A_UTC_instant_already_Saturday_is_still_Friday_in_New_York()
    {
        var submitted = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero); // Saturday UTC, Friday 22:00 EST

        var due = _calendar.AddBusinessDays(submitted, 2);

        AssertSameInstantAndOffset(new DateTimeOffset(2026, 11, 24, 22, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void A_UTC_instant_already_Monday_is_still_Sunday_in_New_York()
    {
        var submitted = new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero); // Monday UTC, Sunday 21:00 EST

        var due = _calendar.AddBusinessDays(submitted, 2);

        // Counted from Sunday: Monday (1), Tuesday (2). Counting from the UTC Monday would give Wednesday.
        AssertSameInstantAndOffset(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    [Fact]
    public void Zero_business_days_returns_the_same_instant_in_Eastern_time()
    {
        var submitted = new DateTimeOffset(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

        var due = _calendar.AddBusinessDays(submitted, 0);

        AssertSameInstantAndOffset(new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.FromHours(-5)), due);
    }

    private static DateOnly Date(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void AssertSameInstantAndOffset(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected, actual); // DateTimeOffset equality compares instants only
        Assert.Equal(expected.Offset, actual.Offset);
    }
}
