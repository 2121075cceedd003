using System.Collections.Immutable;

namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>The part of waking that every process kind shares: noticing deadlines that have passed unmet.</summary>
public static class DeadlineChecks
{
    /// <summary>The instant after the earliest pending deadline's last moment, when it becomes missed; null if none is pending.</summary>
    public static DateTimeOffset? NextCheck(IEnumerable<Deadline> deadlines) =>
        deadlines.Where(d => d.State == DeadlineState.Pending).Select(d => (DateTimeOffset?)d.DueAt.AddSeconds(1)).Min();

    /// <summary>
    /// Marks every pending deadline whose due instant has passed as missed and returns a <c>deadline-missed</c> timeline
    /// entry for each, stamped with the instant it was missed (not the instant it was noticed), in due order.
    /// </summary>
    public static (ImmutableList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Missed) CheckAt(ImmutableList<Deadline> deadlines, DateTimeOffset now)
    {
        var missed = deadlines.Where(d => d.State == DeadlineState.Pending && now > d.DueAt).OrderBy(d => d.DueAt).ToList();
        if (missed.Count == 0)
        {
            return (deadlines, []);
        }

        var updated = deadlines.Select(d => d.CheckedAt(now)).ToImmutableList();
        var entries = missed.Select(d => new TimelineEntry(d.DueAt.AddSeconds(1), "deadline-missed", Actors.System, d.Name)).ToList();
        return (updated, entries);
    }

    /// <summary>Replaces the deadline called <paramref name="name"/> using <paramref name="change"/>; unknown names leave the list as it is.</summary>
    public static ImmutableList<Deadline> Update(this ImmutableList<Deadline> deadlines, string name, Func<Deadline, Deadline> change)
    {
        var index = deadlines.FindIndex(d => d.Name == name);
        return index < 0 ? deadlines : deadlines.SetItem(index, change(deadlines[index]));
    }
}
