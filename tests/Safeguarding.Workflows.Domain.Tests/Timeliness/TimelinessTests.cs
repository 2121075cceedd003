using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;

namespace Safeguarding.Workflows.Domain.Tests.Timeliness;

public sealed class TimelinessTests
{
    private static readonly StatutoryCalendar Calendar = StatutoryCalendar.EnglandAndWales;
    private static readonly DateOnly From = new(2025, 4, 1);
    private static readonly DateOnly To = new(2026, 3, 31);
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static Deadline Due(string name, DateOnly on) => new(name, on, LondonTime.EndOfDay(on));

    private static DateTimeOffset At(int year, int month, int day) => LondonTime.EndOfDay(new DateOnly(year, month, day)).AddHours(-12);

    [Theory]
    [InlineData("2025-12-24", "2025-12-29", 1)] // Christmas, Boxing Day and a weekend: Monday 29th is the next working day
    [InlineData("2025-12-24", "2025-12-30", 2)]
    [InlineData("2026-04-02", "2026-04-07", 1)] // Good Friday and Easter Monday 2026 are not working days
    [InlineData("2026-04-02", "2026-04-02", 0)]
    [InlineData("2026-05-01", "2026-05-02", 1)] // done on a Saturday: still late, by at least one day
    public void Working_days_late_skip_weekends_and_bank_holidays(string due, string done, int expected)
    {
        var (d, n) = (DateOnly.Parse(due), DateOnly.Parse(done));
        Assert.Equal(n <= d ? 0 : expected, TimelinessRules.WorkingDaysAfter(d, n, Calendar));
    }

    [Theory]
    [InlineData("2026-12-06", "2025-04-01", "2026-03-31")]
    [InlineData("2026-04-01", "2025-04-01", "2026-03-31")]
    [InlineData("2026-03-31", "2024-04-01", "2025-03-31")]
    public void The_default_period_is_the_last_whole_financial_year(string today, string from, string to) =>
        Assert.Equal((DateOnly.Parse(from), DateOnly.Parse(to)), TimelinessRules.LastFinancialYear(DateOnly.Parse(today)));

    [Theory]
    [InlineData("action:a1", "action")]
    [InlineData("checkpoint:2", "checkpoint")]
    [InlineData("stage-2", "stage-2")]
    [InlineData("panel-notification", "panel-notification")]
    public void A_deadline_belongs_to_its_clock(string name, string clock) => Assert.Equal(clock, TimelinessRules.ClockOf(name));

    [Fact]
    public void Each_clock_counts_what_fell_due_in_the_period_met_on_time_late_missed_and_waived()
    {
        var notify = "panel-notification";
        var deadlines = new[]
        {
            new TimedDeadline("rapid-review", notify, Due(notify, new(2025, 6, 2)).CompletedAt(At(2025, 6, 2))),        // on time
            new TimedDeadline("rapid-review", notify, Due(notify, new(2025, 12, 24)).CheckedAt(At(2025, 12, 27)).CompletedAt(At(2025, 12, 30))), // 2 working days late
            new TimedDeadline("rapid-review", notify, Due(notify, new(2026, 2, 2)).CheckedAt(At(2026, 2, 3))),            // missed, never done
            new TimedDeadline("rapid-review", notify, Due(notify, new(2026, 3, 2))),                                     // pending past its date: missed
            new TimedDeadline("rapid-review", notify, Due(notify, new(2025, 3, 31)).CompletedAt(At(2025, 3, 31))),      // before the period
            new TimedDeadline("rapid-review", notify, Due(notify, new(2026, 4, 1))),                                     // after it
            new TimedDeadline("escalation", "stage-1", Due("stage-1", new(2025, 9, 1)).PassedOn(At(2025, 8, 20))),      // waived: passed on before due
            new TimedDeadline("meeting", "circulation", Due("circulation", new(2025, 10, 1)).CompletedAt(At(2025, 9, 30))),
        };

        var report = TimelinessRules.For(deadlines, [], From, To, Today, Calendar);

        Assert.Equal(
            [
                new("escalation", "stage-1", 1, 0, 0, 0, 1, []),
                new("meeting", "circulation", 1, 1, 0, 0, 0, []),
                new("rapid-review", notify, 4, 1, 1, 2, 0, [2]),
            ],
            report.Clocks,
            new RowComparer());
        var rapid = report.Clocks.Single(r => r.Kind == "rapid-review");
        Assert.Equal(0.25, rapid.OnTimeShare);
        Assert.Equal(2, rapid.MostWorkingDaysLate);
        Assert.Null(report.Clocks.Single(r => r.Kind == "escalation").OnTimeShare);
    }

    [Fact]
    public void A_deadline_still_to_come_is_not_counted_yet()
    {
        var today = new DateOnly(2026, 3, 10);
        var report = TimelinessRules.For([new TimedDeadline("meeting", "notes", Due("notes", new(2026, 3, 20)))], [], From, To, today, Calendar);
        Assert.Empty(report.Clocks);
    }

    [Fact]
    public void Agencies_are_counted_per_kind_of_contribution()
    {
        var contributions = new[]
        {
            new Contribution("paper", "Staffordshire Police", new(2025, 5, 1), new(2025, 4, 30)),
            new Contribution("paper", "Staffordshire Police", new(2025, 6, 5), new(2025, 6, 9)), // Thu → Mon: 2 working days late
            new Contribution("paper", "Staffordshire County Council", new(2025, 6, 5), null),
            new Contribution("agency-summary", "Staffordshire Police", new(2025, 7, 1), new(2025, 7, 1)),
            new Contribution("agency-summary", "Staffordshire Police", new(2026, 12, 20), null), // not yet due, outside the period anyway
        };

        var report = TimelinessRules.For([], contributions, From, To, Today, Calendar);

        Assert.Equal(
            [
                new("agency-summary", "Staffordshire Police", 1, 1, 0, 0, 0, []),
                new("paper", "Staffordshire County Council", 1, 0, 0, 1, 0, []),
                new("paper", "Staffordshire Police", 2, 1, 1, 0, 0, [2]),
            ],
            report.Agencies,
            new RowComparer());
    }

    private sealed class RowComparer : IEqualityComparer<TimelinessRow>
    {
        public bool Equals(TimelinessRow? x, TimelinessRow? y) =>
            x is not null && y is not null
            && (x.Kind, x.Name, x.FellDue, x.OnTime, x.Late, x.Missed, x.Waived) == (y.Kind, y.Name, y.FellDue, y.OnTime, y.Late, y.Missed, y.Waived)
            && x.WorkingDaysLate.SequenceEqual(y.WorkingDaysLate);

        public int GetHashCode(TimelinessRow obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
