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

    /// <summary>How many timeline entries are already in the audit log; the rest are appended on the next commit.</summary>
    public int AuditedCount { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>The instant of the process's saved wake row (null: none), which the next save moves or removes.</summary>
    public DateTimeOffset? WakeAt { get; set; }
}
