using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Tests.Processes;

/// <summary>The dashboard's panels, worked out from deadlines and the England and Wales calendar.</summary>
public sealed class DashboardPanelsTests
{
    private static readonly StatutoryCalendar Calendar = StatutoryCalendar.EnglandAndWales;
    private static readonly DateTimeOffset Noon = new(2027, 2, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // Christmas and New Year: the holidays and the weekend between are not counted.
    [InlineData("2026-12-24", "2026-12-29", 1)]
    [InlineData("2026-12-23", "2027-01-04", 5)]
    [InlineData("2026-12-31", "2027-01-04", 1)]
    [InlineData("2027-12-24", "2027-12-29", 1)]  // Mon 27 and Tue 28 are substitutes
    // Easter 2027: Good Friday 26 March, Easter Monday 29 March.
    [InlineData("2027-03-25", "2027-03-30", 1)]
    [InlineData("2027-03-24", "2027-04-01", 4)]
    // The issue's February: due Tuesday 16th, seen on Thursday 25th.
    [InlineData("2027-02-16", "2027-02-25", 7)]
    [InlineData("2027-02-24", "2027-02-25", 1)]
    // Due on a Friday, seen on the Saturday: no working day has passed yet.
    [InlineData("2027-02-19", "2027-02-20", 0)]
    [InlineData("2027-02-19", "2027-02-22", 1)]
    public void An_overdue_deadline_is_late_by_the_working_days_after_its_date(string dueOn, string today, int late)
    {
        var panels = Panels(today, Process("rapid-review", "rr-1", Missed("panel-notification", dueOn)));

        var overdue = Assert.Single(panels.Overdue);
        Assert.Equal(DateOnly.Parse(dueOn), overdue.Deadline.DueOn);
        Assert.Equal(late, overdue.WorkingDaysLate);
        Assert.Empty(panels.DueSoon);
    }

    [Theory]
    // The window is today and the next 10 working days.
    [InlineData("2027-02-25", "2027-03-11")]
    [InlineData("2026-12-18", "2027-01-06")]  // Christmas, Boxing Day (Mon 28) and New Year's Day not counted
    [InlineData("2027-03-19", "2027-04-06")]  // Good Friday and Easter Monday not counted
    [InlineData("2027-02-20", "2027-03-05")]  // from a Saturday
    public void The_window_ends_ten_working_days_after_today(string today, string until) =>
        Assert.Equal(DateOnly.Parse(until), Panels(today).DueSoonUntil);

    [Theory]
    [InlineData("2027-02-25", "2027-02-25", true, 0)]   // due today
    [InlineData("2027-02-25", "2027-03-11", true, 10)]  // the window's last day
    [InlineData("2027-02-25", "2027-03-12", false, 0)]  // the day after
    [InlineData("2026-12-18", "2027-01-06", true, 10)]
    [InlineData("2026-12-18", "2027-01-07", false, 0)]
    [InlineData("2026-12-24", "2026-12-29", true, 1)]
    [InlineData("2027-03-19", "2027-04-06", true, 10)]
    [InlineData("2027-03-19", "2027-04-07", false, 0)]
    [InlineData("2027-03-25", "2027-03-29", true, 0)]  // due on Easter Monday: no working day before it
    public void A_pending_deadline_is_due_soon_when_it_falls_in_the_window(string today, string dueOn, bool dueSoon, int left)
    {
        var panels = Panels(today, Process("meeting", "m-1", Pending("papers", dueOn)));

        Assert.Empty(panels.Overdue);
        if (dueSoon)
        {
            Assert.Equal(left, Assert.Single(panels.DueSoon).WorkingDaysLeft);
        }
        else
        {
            Assert.Empty(panels.DueSoon);
        }
    }

    [Fact]
    public void The_issues_day_shows_every_deadline_with_its_own_date()
    {
        // 25 February 2027: meeting notes due today, the rapid review due to the Panel on 1 March (with the Panel
        // notification missed), and an escalation whose missed first stage was passed on to stage 2, due 4 March.
        var meeting = Process("meeting", "m-1", Pending("notes", "2027-02-25"));
        var review = Process("rapid-review", "rr-1", Missed("panel-notification", "2027-02-15"), Pending("rapid-review", "2027-03-01"));
        var escalation = Process("escalation", "esc-1", Missed("stage-1", "2027-02-18").PassedOn(Noon), Pending("stage-2", "2027-03-04"));

        var panels = Panels("2027-02-25", meeting, review, escalation);

        var overdue = Assert.Single(panels.Overdue);
        Assert.Equal(("rr-1", "panel-notification", 8), (overdue.Process.Id, overdue.Deadline.Name, overdue.WorkingDaysLate));
        Assert.Equal(
            [("m-1", "notes", 0), ("rr-1", "rapid-review", 2), ("esc-1", "stage-2", 5)],
            panels.DueSoon.Select(d => (d.Process.Id, d.Deadline.Name, d.WorkingDaysLeft)));
        Assert.Equal([("escalation", 1), ("meeting", 1), ("rapid-review", 1)], panels.OpenByKind);
    }

    [Fact]
    public void Two_overdue_deadlines_of_one_process_are_listed_apart_in_date_order()
    {
        var review = Process("rapid-review", "rr-1", Missed("partners-informed", "2027-02-16"), Missed("panel-notification", "2027-02-15"), Pending("rapid-review", "2027-03-02"));

        var panels = Panels("2027-02-25", review);

        Assert.Equal([("panel-notification", 8), ("partners-informed", 7)], panels.Overdue.Select(o => (o.Deadline.Name, o.WorkingDaysLate)));
        Assert.Equal(3, Assert.Single(panels.DueSoon).WorkingDaysLeft);
    }

    [Fact]
    public void Met_waived_and_passed_on_deadlines_are_neither_overdue_nor_due()
    {
        var metLate = Missed("panel-notification", "2027-02-15").CompletedAt(Noon);
        var metOnTime = Pending("partners-informed", "2027-02-26").CompletedAt(Noon);
        var waived = Pending("secretary-of-state", "2027-02-26") with { State = DeadlineState.Waived };
        var passedOn = Missed("stage-1", "2027-02-18").PassedOn(Noon);

        var panels = Panels("2027-02-25", Process("rapid-review", "rr-1", metLate, metOnTime, waived, passedOn));

        Assert.Empty(panels.Overdue);
        Assert.Empty(panels.DueSoon);
        Assert.Equal([("rapid-review", 1)], panels.OpenByKind);
    }

    [Fact]
    public void A_pending_deadline_whose_date_has_passed_is_overdue_before_its_process_wakes()
    {
        var panels = Panels("2027-02-25", Process("drill", "d-1", Pending("step", "2027-02-24")));

        Assert.Equal(1, Assert.Single(panels.Overdue).WorkingDaysLate);
    }

    [Fact]
    public void Passing_on_waives_a_pending_deadline_and_leaves_a_met_one()
    {
        Assert.Equal(DeadlineState.Waived, Pending("stage-1", "2027-03-01").PassedOn(Noon).State);
        var met = Pending("stage-1", "2027-03-01").CompletedAt(Noon);
        Assert.Equal(met, met.PassedOn(Noon));
        var passed = Missed("stage-1", "2027-02-18").PassedOn(Noon);
        Assert.Equal((DeadlineState.Missed, false, (DateTimeOffset?)Noon), (passed.State, passed.IsOverdue, passed.PassedOnAt));
    }

    private static DashboardPanels Panels(string today, params DashboardProcess[] processes) =>
        DashboardPanels.For(processes, DateOnly.Parse(today), Calendar);

    private static DashboardProcess Process(string kind, string id, params Deadline[] deadlines) => new(kind, id, null, deadlines);

    private static Deadline Pending(string name, string dueOn)
    {
        var date = DateOnly.Parse(dueOn);
        return new Deadline(name, date, LondonTime.EndOfDay(date));
    }

    private static Deadline Missed(string name, string dueOn) => Pending(name, dueOn) with { State = DeadlineState.Missed };
}
