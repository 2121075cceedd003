namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// What the durable-deadline engine needs from a process kind's pure rules. The state type is an immutable record;
/// every transition returns a new state plus the emails it decided to send.
/// </summary>
/// <remarks>
/// Waking is idempotent (architecture rule 2): <see cref="Wake"/> does everything due as of <c>now</c> and records that
/// it did it in the returned state, so calling it again with the same or an earlier <c>now</c> changes nothing.
/// </remarks>
public interface IDurableProcess<TSelf> where TSelf : IDurableProcess<TSelf>
{
    ProcessKey Key { get; }

    ProcessStatus Status { get; }

    /// <summary>A short non-identifying title for lists and emails (a meeting title, a case reference).</summary>
    string Title { get; }

    IReadOnlyList<Deadline> Deadlines { get; }

    IReadOnlyList<TimelineEntry> Timeline { get; }

    /// <summary>What named people owe the process and have not yet done, for their own deadline calendars; none unless a kind says.</summary>
    IReadOnlyList<OwedItem> Owed => [];

    /// <summary>
    /// The earliest instant at which something (a send, a reminder, a deadline check) falls due; null when nothing is
    /// scheduled. Include <see cref="DeadlineChecks.NextCheck"/> so that missed deadlines are noticed on time.
    /// </summary>
    DateTimeOffset? NextWakeAt { get; }

    /// <summary>Does everything due as of <paramref name="now"/>, in due order. Returns this same instance when nothing was due.</summary>
    Transition<TSelf> Wake(DateTimeOffset now);

    /// <summary>Stops every pending action; recorded in the timeline with the reason.</summary>
    Transition<TSelf> Cancel(string reason, string actor, DateTimeOffset now);
}

/// <summary>The result of a pure transition: the new state and the emails to send because of it.</summary>
public sealed record Transition<T>(T State, IReadOnlyList<OutgoingEmail> Emails)
{
    public static implicit operator Transition<T>(T state) => new(state, []);
}

/// <summary>What every process shows whatever its kind: the fields of <see cref="IDurableProcess{TSelf}"/>.</summary>
public sealed record ProcessOverview(string Title, ProcessStatus Status, IReadOnlyList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Timeline);
