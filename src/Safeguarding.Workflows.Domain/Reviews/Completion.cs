using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Reviews;

/// <summary>Meeting deadlines from events that say on which local date something happened.</summary>
public static class Completion
{
    /// <summary>
    /// Completes <paramref name="deadline"/> with something done on <paramref name="on"/> (a London local date, perhaps
    /// recorded days later): met if <paramref name="on"/> is on or before the due date, even if the service had already
    /// marked it missed; otherwise missed, done late. The instant recorded is the end of <paramref name="on"/>, or now
    /// when that is earlier. A waived deadline stays waived.
    /// </summary>
    public static Deadline CompleteOn(this Deadline deadline, DateOnly on, DateTimeOffset now)
    {
        if (deadline.State == DeadlineState.Waived)
        {
            return deadline;
        }

        var endOfDay = LondonTime.EndOfDay(on);
        var at = endOfDay < now ? endOfDay : now;
        return deadline with { State = on <= deadline.DueOn ? DeadlineState.Met : DeadlineState.Missed, MetAt = at };
    }

    /// <summary>A pending deadline due at the end of <paramref name="dueOn"/>.</summary>
    public static Deadline Due(string name, DateOnly dueOn) => new(name, dueOn, LondonTime.EndOfDay(dueOn));

    /// <summary>Waives every pending deadline; returns the new list and a <c>deadline-waived</c> entry for each.</summary>
    public static (System.Collections.Immutable.ImmutableList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Entries) WaivePending(
        System.Collections.Immutable.ImmutableList<Deadline> deadlines, Func<Deadline, bool> which, DateTimeOffset now, string actor)
    {
        var waived = deadlines.Where(d => d.State == DeadlineState.Pending && which(d)).ToList();
        var updated = deadlines.Select(d => waived.Contains(d) ? d with { State = DeadlineState.Waived } : d);
        return ([.. updated], [.. waived.Select(d => new TimelineEntry(now, "deadline-waived", actor, d.Name))]);
    }
}
