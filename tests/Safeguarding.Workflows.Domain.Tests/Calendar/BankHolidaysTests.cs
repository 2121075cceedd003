using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Tests.Calendar;

/// <summary>The bank holidays the rules and one-offs give, year by year, against lists written out by hand.</summary>
public sealed class BankHolidaysTests
{
    public static TheoryData<int, string[]> Years => new()
    {
        { 2020, ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"] },
        { 2021, ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"] },
        { 2022, ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"] },
        { 2023, ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"] },
        { 2024, ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"] },
        { 2025, ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"] },
        // The reference lists of docs/design/statutory-rules.md.
        { 2026, ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"] },
        { 2027, ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"] },
        { 2028, ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"] },
        { 2029, ["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"] },
        { 2030, ["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"] },
    };

    [Theory]
    [MemberData(nameof(Years))]
    public void Every_bank_holiday_of_the_year_and_no_other(int year, string[] expected)
    {
        Assert.Equal(expected.Select(DateOnly.Parse), BankHolidays.EnglandAndWales.In(year));
    }

    [Theory]
    [MemberData(nameof(Years))]
    public void Contains_agrees_with_the_list_for_every_day_of_the_year(int year, string[] expected)
    {
        var holidays = expected.Select(DateOnly.Parse).ToHashSet();
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            Assert.Equal(holidays.Contains(day), BankHolidays.EnglandAndWales.Contains(day));
        }
    }

    [Fact]
    public void The_calendar_reports_the_same_years()
    {
        Assert.Equal(BankHolidays.EnglandAndWales.In(2026), StatutoryCalendar.EnglandAndWales.BankHolidaysIn(2026));
    }

    [Theory]
    // Christmas on Friday: Boxing Day (Saturday) is taken on Monday 28th.
    [InlineData("2020-12-25", "2020-12-26", "2020-12-28")]
    [InlineData("2026-12-25", "2026-12-26", "2026-12-28")]
    // Christmas on Saturday: Monday 27th and Tuesday 28th.
    [InlineData("2021-12-27", "2021-12-25", "2021-12-28")]
    [InlineData("2027-12-27", "2027-12-25", "2027-12-28")]
    [InlineData("2032-12-27", "2032-12-25", "2032-12-28")]
    // Christmas on Sunday: Boxing Day on Monday 26th, Christmas in lieu on Tuesday 27th.
    [InlineData("2022-12-26", "2022-12-25", "2022-12-27")]
    [InlineData("2033-12-26", "2033-12-25", "2033-12-27")]
    // New Year's Day on Saturday or Sunday: the following Monday.
    [InlineData("2022-01-03", "2022-01-01", null)]
    [InlineData("2028-01-03", "2028-01-01", null)]
    [InlineData("2023-01-02", "2023-01-01", null)]
    [InlineData("2034-01-02", "2034-01-01", null)]
    public void A_holiday_at_a_weekend_gets_a_weekday_substitute(string holiday, string weekendDay, string? alsoHoliday)
    {
        var holidays = BankHolidays.EnglandAndWales;
        Assert.True(holidays.Contains(DateOnly.Parse(holiday)));
        Assert.False(holidays.Contains(DateOnly.Parse(weekendDay)), "the weekend day itself is not listed; its substitute is");
        if (alsoHoliday is not null)
        {
            Assert.True(holidays.Contains(DateOnly.Parse(alsoHoliday)));
        }
    }

    [Theory]
    [InlineData("2020-05-04", false)] // early May moved to VE day
    [InlineData("2020-05-08", true)]
    [InlineData("2022-05-30", false)] // spring holiday moved for the Platinum Jubilee
    [InlineData("2022-06-02", true)]
    [InlineData("2022-06-03", true)]
    [InlineData("2022-09-19", true)]
    [InlineData("2023-05-08", true)]
    [InlineData("2023-05-01", true)]
    [InlineData("2012-05-28", false)]
    [InlineData("2012-06-04", true)]
    [InlineData("2012-06-05", true)]
    [InlineData("2011-04-29", true)]
    public void One_off_changes_override_the_rules(string date, bool isHoliday)
    {
        Assert.Equal(isHoliday, BankHolidays.EnglandAndWales.Contains(DateOnly.Parse(date)));
    }

    [Fact]
    public void Every_year_has_eight_weekday_holidays_unless_a_one_off_changed_it()
    {
        int[] oneOffYears = [1981, 1999, 2002, 2011, 2012, 2022, 2023];
        for (var year = 1978; year <= 2200; year++)
        {
            var days = BankHolidays.EnglandAndWales.In(year);
            Assert.All(days, d => Assert.InRange((int)d.DayOfWeek, (int)DayOfWeek.Monday, (int)DayOfWeek.Friday));
            if (!oneOffYears.Contains(year))
            {
                Assert.Equal(8, days.Count);
            }
        }
    }

    [Fact]
    public void Announced_dates_are_added_and_the_original_set_is_unchanged()
    {
        var extra = new DateOnly(2028, 6, 5);
        var announced = BankHolidays.EnglandAndWales.WithAnnounced([extra]);

        Assert.True(announced.Contains(extra));
        Assert.False(BankHolidays.EnglandAndWales.Contains(extra));
        Assert.Equal(9, announced.In(2028).Count);
        Assert.Equal([extra], announced.Announced);
    }

    [Fact]
    public void Announced_weekend_dates_are_ignored()
    {
        var announced = BankHolidays.EnglandAndWales.WithAnnounced([new DateOnly(2028, 6, 3)]);
        Assert.Equal(BankHolidays.EnglandAndWales.In(2028), announced.In(2028));
    }
}
