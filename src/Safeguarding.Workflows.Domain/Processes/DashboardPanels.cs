using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>An open process as the dashboard sees it: what it is and its deadlines (any state; only open ones count).</summary>
public sealed record DashboardProcess(string Kind, string Id, string? Title, IReadOnlyList<Deadline> Deadlines);

/// <summary>A deadline past its date and not done: <see cref="WorkingDaysLate"/> counts the working days after its date up to today.</summary>
public sealed record OverdueDeadline(DashboardProcess Process, Deadline Deadline, int WorkingDaysLate);

/// <summary>A pending deadline in the window: <see cref="WorkingDaysLeft"/> counts the working days after today up to its date.</summary>
public sealed record DueDeadline(DashboardProcess Process, Deadline Deadline, int WorkingDaysLeft);

/// <summary>
/// The panels of a partnership's dashboard, worked out from its open processes' deadlines on one London
/// <see cref="Today"/>. Every deadline counts on its own: a process with two overdue deadlines is listed twice in
/// <see cref="Overdue"/>, and a pending deadline in the window is in <see cref="DueSoon"/> whatever else of its
/// process is overdue. Met, waived and passed-on deadlines appear nowhere.
/// </summary>
/// <param name="DueSoonUntil">The last date of the window: <see cref="DueSoonWorkingDays"/> working days after today, inclusive.</param>
public sealed record DashboardPanels(
    DateOnly Today,
    DateOnly DueSoonUntil,
    IReadOnlyList<OverdueDeadline> Overdue,
    IReadOnlyList<DueDeadline> DueSoon,
    IReadOnlyList<(string Kind, int Count)> OpenByKind)
{
    /// <summary>"Due soon" is due from today up to this many working days after it.</summary>
    public const int DueSoonWorkingDays = 10;

    /// <summary>
    /// The panels for <paramref name="openProcesses"/> on <paramref name="today"/>. A deadline is overdue when it is
    /// missed and not done, or still pending with its date before today (the process has not yet woken to notice);
    /// it is due soon when pending and dated from today to <see cref="DueSoonUntil"/>. Both lists are in date order.
    /// </summary>
    public static DashboardPanels For(IEnumerable<DashboardProcess> openProcesses, DateOnly today, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(openProcesses);
        ArgumentNullException.ThrowIfNull(calendar);
        var processes = openProcesses.ToList();
        var until = calendar.AddWorkingDays(today, DueSoonWorkingDays);
        var deadlines = processes.SelectMany(p => p.Deadlines.Select(d => (Process: p, Deadline: d))).ToList();

        var overdue = deadlines
            .Where(x => x.Deadline.IsOverdue || (x.Deadline.State == DeadlineState.Pending && x.Deadline.DueOn < today))
            .OrderBy(x => x.Deadline.DueAt).ThenBy(x => x.Process.Id, StringComparer.Ordinal)
            .Select(x => new OverdueDeadline(x.Process, x.Deadline, WorkingDaysBetween(x.Deadline.DueOn, today, calendar)))
            .ToList();
        var dueSoon = deadlines
            .Where(x => x.Deadline.State == DeadlineState.Pending && x.Deadline.DueOn >= today && x.Deadline.DueOn <= until)
            .OrderBy(x => x.Deadline.DueAt).ThenBy(x => x.Process.Id, StringComparer.Ordinal)
            .Select(x => new DueDeadline(x.Process, x.Deadline, WorkingDaysBetween(today, x.Deadline.DueOn, calendar)))
            .ToList();
        var byKind = processes.GroupBy(p => p.Kind).Select(g => (g.Key, g.Count())).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new DashboardPanels(today, until, overdue, dueSoon, byKind);
    }

    /// <summary>The working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public static int WorkingDaysBetween(DateOnly from, DateOnly to, StatutoryCalendar calendar)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (calendar.IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
