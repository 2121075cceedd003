using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// One time-driven action of a process (a request, a reminder, a chase, a warning), planned for an instant and
/// recorded as done once done, so that waking again never repeats it. <see cref="Id"/> is stable: the action, its
/// target (an agency, a deadline, an action) and the local date it is for.
/// </summary>
public sealed record ScheduledStep<TAction>(TAction Action, string Target, DateOnly On, DateTimeOffset At, DateTimeOffset? DoneAt = null)
    where TAction : struct, Enum
{
    [JsonIgnore]
    public string Id => $"{Action}/{Target}/{On:yyyy-MM-dd}";

    [JsonIgnore]
    public bool IsDone => DoneAt is not null;
}

public static class Schedule
{
    /// <summary>
    /// The plan after a command: steps already done stay (they are history); undone steps stay only if still wanted;
    /// newly wanted steps are added, except those whose instant has already passed, which are dropped unless
    /// <paramref name="sendLate"/> says a late send is still worth it (a warning that a deadline is now at risk).
    /// </summary>
    public static ImmutableList<ScheduledStep<T>> Replan<T>(
        ImmutableList<ScheduledStep<T>> current,
        IEnumerable<ScheduledStep<T>> wanted,
        DateTimeOffset now,
        Func<ScheduledStep<T>, bool> sendLate)
        where T : struct, Enum
    {
        var existing = current.ToDictionary(s => s.Id);
        var wantedList = wanted.DistinctBy(s => s.Id).ToList();
        var wantedIds = wantedList.Select(s => s.Id).ToHashSet();
        var kept = current.Where(s => s.IsDone || wantedIds.Contains(s.Id));
        var added = wantedList.Where(s => !existing.ContainsKey(s.Id) && (s.At >= now || sendLate(s)));
        return [.. kept.Concat(added).OrderBy(s => s.At).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The days a chase goes out for something due on <paramref name="dueOn"/> and still outstanding: the first working
    /// day after it, then every <paramref name="everyWorkingDays"/> working days; at least <paramref name="atLeast"/> of
    /// them, and on until one falls after <paramref name="today"/>. Planned again before each wake (the engine's
    /// <c>PlannedAhead</c>), so the series has no end while the thing is outstanding.
    /// </summary>
    public static IEnumerable<DateOnly> ChaseDays(StatutoryCalendar calendar, DateOnly dueOn, int everyWorkingDays, int atLeast, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(everyWorkingDays, 1); // else the series would never pass today
        var on = calendar.AddWorkingDays(dueOn, 1);
        for (var n = 1; ; n++)
        {
            yield return on;
            if (n >= atLeast && on > today)
            {
                yield break;
            }

            on = calendar.AddWorkingDays(on, everyWorkingDays);
        }
    }

    /// <summary>
    /// The wake loop both review kinds share: do every step and notice every missed deadline due as of
    /// <paramref name="now"/>, whichever is earlier first, until nothing is due. Returns the final state and the emails.
    /// </summary>
    public static (TState State, List<OutgoingEmail> Emails) DoEverythingDue<TState, TAction>(
        TState state,
        DateTimeOffset now,
        Func<TState, ImmutableList<ScheduledStep<TAction>>> steps,
        Func<TState, IEnumerable<Deadline>> deadlines,
        Func<TState, ScheduledStep<TAction>, Transition<TState>> doStep,
        Func<TState, Deadline, Transition<TState>> missed)
        where TAction : struct, Enum
    {
        var emails = new List<OutgoingEmail>();
        while (true)
        {
            var step = steps(state).NextDue(now);
            var deadline = deadlines(state).Where(d => d.State == DeadlineState.Pending && now > d.DueAt).MinBy(d => d.DueAt);
            if (step is null && deadline is null)
            {
                return (state, emails);
            }

            var next = step is not null && (deadline is null || step.At <= deadline.DueAt.AddSeconds(1))
                ? doStep(state, step)
                : missed(state, deadline!);
            state = next.State;
            emails.AddRange(next.Emails);
        }
    }

    /// <summary>The earliest undone step due as of <paramref name="now"/>, if any.</summary>
    public static ScheduledStep<T>? NextDue<T>(this ImmutableList<ScheduledStep<T>> steps, DateTimeOffset now) where T : struct, Enum =>
        steps.Where(s => !s.IsDone && s.At <= now).OrderBy(s => s.At).FirstOrDefault();

    public static DateTimeOffset? NextAt<T>(this ImmutableList<ScheduledStep<T>> steps) where T : struct, Enum =>
        steps.Where(s => !s.IsDone).Select(s => (DateTimeOffset?)s.At).Min();

    public static ImmutableList<ScheduledStep<T>> MarkDone<T>(this ImmutableList<ScheduledStep<T>> steps, ScheduledStep<T> step, DateTimeOffset at)
        where T : struct, Enum =>
        steps.Replace(step, step with { DoneAt = at });
}
