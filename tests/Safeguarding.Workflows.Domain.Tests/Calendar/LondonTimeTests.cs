using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Tests.Calendar;

/// <summary>In 2026 clocks go forward at 01:00 UTC on Sunday 29 March and back at 01:00 UTC on Sunday 25 October.</summary>
public sealed class LondonTimeTests
{
    [Theory]
    [InlineData("2026-03-28", "09:00", "2026-03-28T09:00:00+00:00")] // GMT
    [InlineData("2026-03-29", "09:00", "2026-03-29T09:00:00+01:00")] // the first BST day
    [InlineData("2026-03-30", "09:00", "2026-03-30T09:00:00+01:00")]
    [InlineData("2026-10-24", "09:00", "2026-10-24T09:00:00+01:00")]
    [InlineData("2026-10-25", "09:00", "2026-10-25T09:00:00+00:00")] // back to GMT
    [InlineData("2026-01-15", "00:00", "2026-01-15T00:00:00+00:00")]
    [InlineData("2026-03-29", "00:59", "2026-03-29T00:59:00+00:00")] // just before the gap
    [InlineData("2026-03-29", "02:00", "2026-03-29T02:00:00+01:00")] // just after it
    public void At_gives_the_instant_with_the_offset_in_force(string date, string time, string expected)
    {
        var instant = LondonTime.At(DateOnly.Parse(date), TimeOnly.Parse(time));
        Assert.Equal(DateTimeOffset.Parse(expected), instant);
        Assert.Equal(DateTimeOffset.Parse(expected).Offset, instant.Offset);
    }

    [Theory]
    [InlineData("01:00")]
    [InlineData("01:30")]
    [InlineData("01:59:59")]
    public void A_time_skipped_when_clocks_go_forward_becomes_the_end_of_the_gap(string time)
    {
        var instant = LondonTime.At(new DateOnly(2026, 3, 29), TimeOnly.Parse(time));
        Assert.Equal(DateTimeOffset.Parse("2026-03-29T02:00:00+01:00"), instant);
        Assert.Equal(TimeSpan.FromHours(1), instant.Offset);
    }

    [Fact]
    public void A_time_that_happens_twice_when_clocks_go_back_is_the_first_one()
    {
        var instant = LondonTime.At(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z"), instant.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(1), instant.Offset);
    }

    [Theory]
    [InlineData("2026-01-15", "2026-01-15T23:59:59+00:00")]
    [InlineData("2026-07-01", "2026-07-01T23:59:59+01:00")]
    [InlineData("2026-03-29", "2026-03-29T23:59:59+01:00")]
    [InlineData("2026-10-25", "2026-10-25T23:59:59+00:00")]
    public void End_of_day_is_the_last_second_in_London(string date, string expected)
    {
        var end = LondonTime.EndOfDay(DateOnly.Parse(date));
        Assert.Equal(DateTimeOffset.Parse(expected), end);
        Assert.Equal(DateOnly.Parse(date), LondonTime.LocalDate(end));
        Assert.Equal(DateOnly.Parse(date).AddDays(1), LondonTime.LocalDate(end.AddSeconds(1)));
    }

    [Theory]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-01")] // BST: already the next day in London
    [InlineData("2026-06-30T22:59:59Z", "2026-06-30")]
    [InlineData("2026-12-31T23:30:00Z", "2026-12-31")] // GMT: same as UTC
    [InlineData("2026-03-29T00:59:59Z", "2026-03-29")]
    [InlineData("2026-10-24T23:00:00Z", "2026-10-25")]
    [InlineData("2026-10-24T22:59:59Z", "2026-10-24")]
    [InlineData("2026-07-01T08:00:00+09:00", "2026-07-01")]
    public void Local_date_of_an_instant(string instant, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), LondonTime.LocalDate(DateTimeOffset.Parse(instant)));
    }
}

public sealed class LondonTimeFallbackTests
{
    [Fact]
    public void The_built_in_UK_rules_match_the_tz_database_from_1996_to_2060()
    {
        var system = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var fallback = LondonTime.CurrentUkRules();
        for (var instant = new DateTimeOffset(1996, 1, 1, 0, 30, 0, TimeSpan.Zero); instant.Year <= 2060; instant = instant.AddHours(1))
        {
            if (instant.Month is 3 or 10 || instant.Hour == 0)
            {
                Assert.Equal(system.GetUtcOffset(instant), fallback.GetUtcOffset(instant));
            }
        }
    }
}
