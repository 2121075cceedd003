using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Telemetry;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// The services every process grain needs after a state change: the clock, the email queue, the audit log and the
/// process index. Kept together so that a process grain's constructor stays one line.
/// </summary>
public sealed partial class ProcessEngine(
    WorkflowClock clock,
    EmailQueue emails,
    AuditLog auditLog,
    ProcessIndex index,
    WorkflowMetrics metrics,
    IOptions<EngineOptions> options,
    ILogger<ProcessEngine> logger)
{
    public WorkflowClock Clock { get; } = clock;

    public EngineOptions Options { get; } = options.Value;

    public WorkflowMetrics Metrics { get; } = metrics;

    /// <summary>Hands every unsent email to the durable queue; returns true when any was handed over (the record must be saved).</summary>
    internal async Task<bool> HandOverEmailsAsync<TProcess>(ProcessRecord<TProcess> record) where TProcess : class
    {
        if (record.UnsentEmails.Count == 0)
        {
            return false;
        }

        foreach (var email in record.UnsentEmails)
        {
            // The queue and the sent-message table make a repeated hand-over (after a crash here) a no-op for the recipient.
            await emails.EnqueueAsync(email, CancellationToken.None);
            LogEmailQueued(email.Id, email.Template, email.ProcessKey);
        }

        record.UnsentEmails = [];
        return true;
    }

    /// <summary>Appends timeline entries not yet in the audit log. Idempotent by sequence, so a repeat after a crash is harmless.</summary>
    internal async Task AuditAsync<TProcess>(ProcessRecord<TProcess> record) where TProcess : class, IDurableProcess<TProcess>
    {
        var process = record.Process!;
        if (record.AuditedCount >= process.Timeline.Count)
        {
            return;
        }

        var records = process.Timeline
            .Select((entry, sequence) => new AuditRecord(sequence, entry.At, entry.Type, entry.Actor, entry.Detail))
            .Skip(record.AuditedCount)
            .ToList();
        await auditLog.AppendAsync(process.Key, records, CancellationToken.None);
        record.AuditedCount = process.Timeline.Count;
    }

    internal Task IndexAsync<TProcess>(ProcessRecord<TProcess> record) where TProcess : class, IDurableProcess<TProcess>
    {
        var process = record.Process!;
        var now = Clock.GetUtcNow();
        var next = process.Deadlines.Where(d => d.State == DeadlineState.Pending).MinBy(d => d.DueAt);
        var entry = new ProcessIndexEntry(
            process.Key.PartnershipId,
            process.Key.Kind,
            process.Key.Id,
            process.Status,
            process.Title,
            next?.Name,
            next?.DueOn,
            next?.DueAt,
            process.Deadlines.Count(d => d.IsOverdue),
            process.Status == ProcessStatus.Open ? process.NextWakeAt : null,
            record.CreatedAt ?? now,
            now);
        return index.UpsertAsync(entry, CancellationToken.None);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Process {ProcessKey} woke at {Now}; next wake {NextWakeAt}")]
    internal partial void LogWoke(string processKey, DateTimeOffset now, DateTimeOffset? nextWakeAt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Email {EmailId} ({Template}) queued for process {ProcessKey}")]
    internal partial void LogEmailQueued(string emailId, string template, string processKey);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Process {ProcessKey} cancelled by {Actor}")]
    internal partial void LogCancelled(string processKey, string actor);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Process {ProcessKey} wake reminder set for {WakeAt} (in {Delay})")]
    internal partial void LogWakeRegistered(string processKey, DateTimeOffset wakeAt, TimeSpan delay);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Process {ProcessKey} has nothing scheduled; wake reminder removed")]
    internal partial void LogWakeRemoved(string processKey);
}
