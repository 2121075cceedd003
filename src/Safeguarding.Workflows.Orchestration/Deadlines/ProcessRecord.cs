using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// What a process grain persists: the pure process state plus the engine's own bookkeeping. Stored as JSON in the
/// process row (<c>ProcessStore</c>), so it is readable in Storage Explorer.
/// </summary>
public sealed class ProcessRecord<TProcess> where TProcess : class
{
    public TProcess? Process { get; set; }

    /// <summary>Emails decided on but not yet handed to the delivery queue (the outbox pattern).</summary>
    public List<OutgoingEmail> UnsentEmails { get; set; } = [];

    /// <summary>Emails a timer decided outside the partnership's sending times, each handed over at its send time (<see cref="SendingTimes"/>).</summary>
    public List<HeldEmail> HeldEmails { get; set; } = [];

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the process last changed (not when its row was last tidied); the index's <c>UpdatedAt</c>.</summary>
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>When the process next wants waking (null: never), as saved; the wake schedule is told when it changes.</summary>
    public DateTimeOffset? WakeAt { get; set; }
}
