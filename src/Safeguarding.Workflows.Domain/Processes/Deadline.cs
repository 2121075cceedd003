namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>Where a statutory or local deadline stands.</summary>
public enum DeadlineState
{
    Pending,
    Met,
    /// <summary>The due instant passed before the deadline was met. A late completion keeps this state and sets <see cref="Deadline.MetAt"/>.</summary>
    Missed,
    Waived,
}

/// <summary>
/// A named deadline kept as data in the process state (architecture rule 1).
/// <see cref="DueOn"/> is the Europe/London local date the law counts; <see cref="DueAt"/> is the last instant that still
/// meets it (23:59:59 local on <see cref="DueOn"/>).
/// </summary>
/// <param name="PassedOnAt">When a missed deadline was passed on to a later one (an escalation's next stage): still missed, no longer overdue.</param>
public sealed record Deadline(string Name, DateOnly DueOn, DateTimeOffset DueAt, DeadlineState State = DeadlineState.Pending, DateTimeOffset? MetAt = null, DateTimeOffset? PassedOnAt = null)
{
    /// <summary>Missed and still neither done nor passed on: what the dashboard shows in red.</summary>
    public bool IsOverdue => State == DeadlineState.Missed && MetAt is null && PassedOnAt is null;

    /// <summary>Hands the deadline on to a later one at <paramref name="at"/>: a pending one is waived, a missed one stops being overdue.</summary>
    public Deadline PassedOn(DateTimeOffset at) => State switch
    {
        DeadlineState.Pending => this with { State = DeadlineState.Waived },
        _ when IsOverdue => this with { PassedOnAt = at },
        _ => this,
    };

    public bool IsOpen => State == DeadlineState.Pending || IsOverdue;

    /// <summary>Records completion at <paramref name="at"/>: met if on time, otherwise missed with the late completion time.</summary>
    public Deadline CompletedAt(DateTimeOffset at) => State switch
    {
        DeadlineState.Pending => this with { State = at <= DueAt ? DeadlineState.Met : DeadlineState.Missed, MetAt = at },
        DeadlineState.Missed when MetAt is null => this with { MetAt = at },
        _ => this,
    };

    /// <summary>Marks a pending deadline missed once its due instant has passed; anything else is returned unchanged.</summary>
    public Deadline CheckedAt(DateTimeOffset now) =>
        State == DeadlineState.Pending && now > DueAt ? this with { State = DeadlineState.Missed } : this;
}
