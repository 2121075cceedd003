using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Timeliness;

/// <summary>One process's deadline, as the timeliness report counts it.</summary>
/// <param name="Clock">The statutory clock the deadline belongs to (<see cref="TimelinessRules.ClockOf"/>).</param>
public sealed record TimedDeadline(string Kind, string Clock, Deadline Deadline);

/// <summary>Something an agency was asked to send by a date (a meeting paper, a rapid review's agency summary).</summary>
/// <param name="What">What was asked for: <c>paper</c> or <c>agency-summary</c>.</param>
public sealed record Contribution(string What, string Agency, DateOnly DueOn, DateOnly? ReceivedOn);

/// <summary>How one clock (or one agency's contributions) fared in the period.</summary>
/// <param name="FellDue">Due in the period, and either done or already past its date.</param>
/// <param name="WorkingDaysLate">For each late one, how many working days after its date it was done.</param>
public sealed record TimelinessRow(string Kind, string Name, int FellDue, int OnTime, int Late, int Missed, int Waived, IReadOnlyList<int> WorkingDaysLate)
{
    /// <summary>Met on time, of those that fell due and were not waived (null when none).</summary>
    public double? OnTimeShare => FellDue - Waived > 0 ? (double)OnTime / (FellDue - Waived) : null;

    public int MostWorkingDaysLate => WorkingDaysLate.Count == 0 ? 0 : WorkingDaysLate.Max();
}

/// <summary>The timeliness report of a period: per kind and clock, per agency for papers and agency summaries, and attendance by agency.</summary>
public sealed record TimelinessReport(DateOnly From, DateOnly To, DateOnly AsOf, IReadOnlyList<TimelinessRow> Clocks, IReadOnlyList<TimelinessRow> Agencies)
{
    public IReadOnlyList<AgencyAttendance> Attendance { get; init; } = [];
}

/// <summary>
/// How timely the partnership has been: a pure function over its processes' deadlines, for the timeliness page, its
/// CSV and the annual report. A deadline counts in the period its date falls in, once that date has passed or it was
/// met; still-pending deadlines with dates to come are not counted.
/// </summary>
public static class TimelinessRules
{
    /// <summary>The financial year (April to March) before the one <paramref name="today"/> is in.</summary>
    public static (DateOnly From, DateOnly To) LastFinancialYear(DateOnly today)
    {
        var startYear = today.Month >= 4 ? today.Year - 1 : today.Year - 2;
        return (new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));
    }

    /// <summary>A deadline's clock: its name without the per-item part (<c>action:a1</c> → <c>action</c>; <c>stage-2</c> stays).</summary>
    public static string ClockOf(string deadlineName) =>
        deadlineName.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? deadlineName[..colon] : deadlineName;

    public static TimelinessReport For(
        IEnumerable<TimedDeadline> deadlines, IEnumerable<Contribution> contributions, DateOnly from, DateOnly to, DateOnly today, StatutoryCalendar calendar)
    {
        var clocks = deadlines
            .Where(d => d.Deadline.DueOn >= from && d.Deadline.DueOn <= to)
            .GroupBy(d => (d.Kind, d.Clock))
            .Select(g => Row(g.Key.Kind, g.Key.Clock, g.Select(d => Outcome(d.Deadline, today, calendar))))
            .Where(r => r.FellDue > 0)
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var agencies = contributions
            .Where(c => c.DueOn >= from && c.DueOn <= to)
            .GroupBy(c => (c.What, c.Agency))
            .Select(g => Row(g.Key.What, g.Key.Agency, g.Select(c => Outcome(c, today, calendar))))
            .Where(r => r.FellDue > 0)
            .OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new TimelinessReport(from, to, today, clocks, agencies);
    }

    private enum Kept { NotYetDue, OnTime, Late, Missed, Waived }

    private static (Kept Kept, int DaysLate) Outcome(Deadline d, DateOnly today, StatutoryCalendar calendar) => d.State switch
    {
        DeadlineState.Met => (Kept.OnTime, 0),
        DeadlineState.Waived => (Kept.Waived, 0),
        DeadlineState.Missed when d.MetAt is { } metAt => (Kept.Late, WorkingDaysAfter(d.DueOn, LondonTime.LocalDate(metAt), calendar)),
        DeadlineState.Missed => (Kept.Missed, 0),
        // Pending past its date: the process has not been woken to mark it yet, but it was missed all the same.
        _ => d.DueOn < today ? (Kept.Missed, 0) : (Kept.NotYetDue, 0),
    };

    private static (Kept Kept, int DaysLate) Outcome(Contribution c, DateOnly today, StatutoryCalendar calendar) => c.ReceivedOn switch
    {
        { } on when on <= c.DueOn => (Kept.OnTime, 0),
        { } on => (Kept.Late, WorkingDaysAfter(c.DueOn, on, calendar)),
        null => c.DueOn < today ? (Kept.Missed, 0) : (Kept.NotYetDue, 0),
    };

    private static TimelinessRow Row(string kind, string name, IEnumerable<(Kept Kept, int DaysLate)> outcomes)
    {
        var counted = outcomes.Where(o => o.Kept != Kept.NotYetDue).ToList();
        return new TimelinessRow(
            kind,
            name,
            counted.Count,
            counted.Count(o => o.Kept == Kept.OnTime),
            counted.Count(o => o.Kept == Kept.Late),
            counted.Count(o => o.Kept == Kept.Missed),
            counted.Count(o => o.Kept == Kept.Waived),
            [.. counted.Where(o => o.Kept == Kept.Late).Select(o => o.DaysLate)]);
    }

    /// <summary>Working days from <paramref name="due"/> to <paramref name="done"/> (done the next working day: 1). At least 1 when later at all.</summary>
    public static int WorkingDaysAfter(DateOnly due, DateOnly done, StatutoryCalendar calendar)
    {
        var days = 0;
        for (var day = due.AddDays(1); day <= done; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                days++;
            }
        }

        return Math.Max(days, done > due ? 1 : 0);
    }
}
