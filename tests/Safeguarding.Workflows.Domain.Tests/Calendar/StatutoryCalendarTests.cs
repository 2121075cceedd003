using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Tests.Calendar;

/// <summary>Working-day arithmetic exactly as docs/design/statutory-rules.md "Counting rules" says.</summary>
public sealed class StatutoryCalendarTests
{
    private static readonly StatutoryCalendar Calendar = StatutoryCalendar.EnglandAndWales;

    [Theory]
    // Christmas and New Year.
    [InlineData("2026-12-24", 1, "2026-12-29")]  // Fri 25 and Mon 28 are holidays
    [InlineData("2026-12-18", 5, "2026-12-29")]
    [InlineData("2027-12-24", 1, "2027-12-29")]  // Mon 27 and Tue 28 are substitutes
    [InlineData("2022-12-23", 1, "2022-12-28")]  // Mon 26, Tue 27
    [InlineData("2026-12-31", 1, "2027-01-04")]  // Fri 1 January
    [InlineData("2027-12-31", 1, "2028-01-04")]  // New Year's Day Saturday, Monday 3rd in lieu
    [InlineData("2022-12-30", 1, "2023-01-03")]
    // Easter.
    [InlineData("2026-04-02", 1, "2026-04-07")]
    [InlineData("2027-03-25", 1, "2027-03-30")]
    [InlineData("2026-03-27", 10, "2026-04-14")]
    // The one-off days of 2020, 2022 and 2023.
    [InlineData("2020-05-07", 1, "2020-05-11")]
    [InlineData("2020-05-01", 1, "2020-05-04")]  // not a holiday in 2020
    [InlineData("2022-06-01", 1, "2022-06-06")]
    [InlineData("2022-05-27", 1, "2022-05-30")]  // the moved spring holiday is a working day
    [InlineData("2022-09-16", 1, "2022-09-20")]
    [InlineData("2023-05-05", 1, "2023-05-09")]
    [InlineData("2023-04-28", 5, "2023-05-09")]  // Mon 1 and Mon 8 May
    // The starting day is never counted, and may be a weekend or holiday.
    [InlineData("2026-01-03", 1, "2026-01-05")]
    [InlineData("2026-12-25", 1, "2026-12-29")]
    [InlineData("2026-01-05", 5, "2026-01-12")]
    [InlineData("2026-06-01", 15, "2026-06-22")]
    // Zero is the date itself, even a non-working one.
    [InlineData("2026-12-25", 0, "2026-12-25")]
    [InlineData("2026-06-03", 0, "2026-06-03")]
    // Backwards: the n-th working day strictly before.
    [InlineData("2026-12-29", -1, "2026-12-24")]
    [InlineData("2027-01-04", -1, "2026-12-31")]
    [InlineData("2026-04-07", -1, "2026-04-02")]
    [InlineData("2022-06-06", -2, "2022-05-31")]
    [InlineData("2022-09-20", -1, "2022-09-16")]
    [InlineData("2023-05-09", -5, "2023-04-28")]
    [InlineData("2026-01-05", -1, "2026-01-02")]
    [InlineData("2026-01-04", -1, "2026-01-02")]
    [InlineData("2026-01-02", -1, "2025-12-31")]
    public void Adds_working_days(string from, int n, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Calendar.AddWorkingDays(DateOnly.Parse(from), n));
    }

    [Fact]
    public void Adding_then_subtracting_from_a_working_day_comes_back()
    {
        for (var day = new DateOnly(2020, 1, 1); day.Year <= 2030; day = day.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(day))
            {
                continue;
            }

            foreach (var n in new[] { 1, 5, 15 })
            {
                Assert.Equal(day, Calendar.AddWorkingDays(Calendar.AddWorkingDays(day, n), -n));
            }
        }
    }

    [Theory]
    [InlineData("2026-12-28", "2026-12-24")]
    [InlineData("2026-12-26", "2026-12-24")]
    [InlineData("2026-04-06", "2026-04-02")]
    [InlineData("2026-01-03", "2026-01-02")]
    [InlineData("2027-01-01", "2026-12-31")]
    [InlineData("2022-06-03", "2022-06-01")]
    [InlineData("2023-05-08", "2023-05-05")]
    [InlineData("2026-06-03", "2026-06-03")] // a working day stays
    [InlineData("2026-12-24", "2026-12-24")]
    public void Automatic_sends_move_to_the_previous_working_day(string date, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), Calendar.OnOrBeforeWorkingDay(DateOnly.Parse(date)));
    }

    [Theory]
    [InlineData("2026-06-05", true)]   // Friday
    [InlineData("2026-06-06", false)]  // Saturday
    [InlineData("2026-06-07", false)]  // Sunday
    [InlineData("2026-05-25", false)]  // spring bank holiday
    [InlineData("2026-12-28", false)]  // substitute day
    public void Working_days_are_weekdays_that_are_not_bank_holidays(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));
    }

    [Fact]
    public void Closure_days_are_not_working_days_and_are_counted_past()
    {
        var closures = new[] { new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 30), new DateOnly(2026, 12, 31) };
        var partnership = Calendar.WithClosureDays(closures);

        Assert.False(partnership.IsWorkingDay(new DateOnly(2026, 12, 30)));
        Assert.True(Calendar.IsWorkingDay(new DateOnly(2026, 12, 30)), "the national calendar is unchanged");
        Assert.Equal(new DateOnly(2027, 1, 4), partnership.AddWorkingDays(new DateOnly(2026, 12, 24), 1));
        Assert.Equal(new DateOnly(2026, 12, 24), partnership.OnOrBeforeWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.Equal(closures, partnership.ClosureDays);
        Assert.Equal(Calendar.BankHolidaysIn(2026), partnership.BankHolidaysIn(2026));
    }

    [Fact]
    public void Closure_days_accumulate()
    {
        var calendar = Calendar.WithClosureDays([new DateOnly(2026, 8, 3)]).WithClosureDays([new DateOnly(2026, 8, 4), new DateOnly(2026, 8, 3)]);
        Assert.Equal([new DateOnly(2026, 8, 3), new DateOnly(2026, 8, 4)], calendar.ClosureDays);
    }

    [Fact]
    public void Announced_bank_holidays_count_as_non_working_days()
    {
        var calendar = new StatutoryCalendar(BankHolidays.EnglandAndWales.WithAnnounced([new DateOnly(2028, 6, 5)]));
        Assert.Equal(new DateOnly(2028, 6, 6), calendar.AddWorkingDays(new DateOnly(2028, 6, 2), 1));
    }

    [Theory]
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2028-01-31", 1, "2028-02-29")] // leap year
    [InlineData("2026-01-30", 1, "2026-02-28")]
    [InlineData("2026-03-31", 1, "2026-04-30")]
    [InlineData("2026-08-31", 6, "2027-02-28")]
    [InlineData("2026-01-15", 6, "2026-07-15")]
    [InlineData("2026-12-25", 1, "2027-01-25")] // calendar months ignore working days
    [InlineData("2026-03-31", -1, "2026-02-28")]
    [InlineData("2028-02-29", 12, "2029-02-28")]
    [InlineData("2026-05-10", 0, "2026-05-10")]
    public void Calendar_months_clamp_to_the_end_of_the_month(string date, int months, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), StatutoryCalendar.AddCalendarMonths(DateOnly.Parse(date), months));
    }
}
