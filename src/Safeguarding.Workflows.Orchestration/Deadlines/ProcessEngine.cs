using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Telemetry;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// The services every process grain needs: the clock, the process store and the email queue. Kept together so that a
/// process grain's constructor stays one line.
/// </summary>
public sealed partial class ProcessEngine(
    WorkflowClock clock,
    EmailQueue emails,
    ProcessStore store,
    WorkflowMetrics metrics,
    IOptions<EngineOptions> options,
    SendingTimes sendingTimes,
    ILogger<ProcessEngine> logger)
{
    public WorkflowClock Clock { get; } = clock;

    /// <summary>When a timer's emails may go out (the partnership's send time on a working day).</summary>
    public SendingTimes SendingTimes { get; } = sendingTimes;

    public EngineOptions Options { get; } = options.Value;

    public WorkflowMetrics Metrics { get; } = metrics;

    internal ProcessStore Store { get; } = store;

    internal async Task<(ProcessRecord<TProcess> Record, string ETag)?> ReadAsync<TProcess>(ProcessKey key) where TProcess : class
    {
        var stored = await Store.ReadAsync(key, CancellationToken.None);
        return stored is null ? null : (JsonSerializer.Deserialize<ProcessRecord<TProcess>>(stored.State, StateJson.Options)!, stored.ETag);
    }

    /// <summary>
    /// Saves <paramref name="next"/> (state, timeline, index columns and wake) in one write; returns the new ETag. The
    /// timeline is the audit log, so a change that would drop or alter an entry already saved is refused.
    /// </summary>
    internal Task<string> SaveAsync<TProcess>(ProcessRecord<TProcess> saved, ProcessRecord<TProcess> next, string? etag, CancellationToken cancellationToken = default)
        where TProcess : class, IDurableProcess<TProcess>
    {
        if (!AuditHistory.OnlyAppends(saved.Process?.Timeline ?? [], next.Process!.Timeline))
        {
            throw new InvalidOperationException($"A change to {next.Process.Key} would rewrite its history; the audit log is append-only.");
        }

        var state = JsonSerializer.SerializeToUtf8Bytes(next, StateJson.Options);
        return Store.SaveAsync(new ProcessChange(IndexEntry(next), state, etag), cancellationToken);
    }

    /// <summary>Hands every unsent email to the durable queue; returns true when any was handed over (the record is then tidied).</summary>
    internal async Task<bool> HandOverEmailsAsync<TProcess>(ProcessRecord<TProcess> record) where TProcess : class
    {
        if (record.UnsentEmails.Count == 0)
        {
            return false;
        }

        // All at once, so they travel in one queue message when the queue is busy (EmailQueue). The queue and the
        // sent-message table make a repeated hand-over (after a crash here) a no-op for the recipient.
        await Task.WhenAll(record.UnsentEmails.Select(async email =>
        {
            await emails.EnqueueAsync(email, CancellationToken.None);
            LogEmailQueued(email.Id, email.Template, email.ProcessKey);
        }));
        return true;
    }

    private ProcessIndexEntry IndexEntry<TProcess>(ProcessRecord<TProcess> record) where TProcess : class, IDurableProcess<TProcess>
    {
        var process = record.Process!;
        var now = Clock.GetUtcNow();
        var next = process.Deadlines.Where(d => d.State == DeadlineState.Pending).MinBy(d => d.DueAt);
        return new ProcessIndexEntry(
            process.Key.PartnershipId,
            process.Key.Kind,
            process.Key.Id,
            process.Status,
            process.Title,
            next?.Name,
            next?.DueOn,
            next?.DueAt,
            process.Deadlines.Count(d => d.IsOverdue),
            record.WakeAt,
            record.CreatedAt ?? now,
            record.UpdatedAt ?? now,
            [.. process.Deadlines.Where(d => d.IsOpen)],
            process.Owed,
            EarliestDueOn: process.Deadlines.Select(d => (DateOnly?)d.DueOn).Min());
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Process {ProcessKey} woke at {Now}; next wake {NextWakeAt}")]
    internal partial void LogWoke(string processKey, DateTimeOffset now, DateTimeOffset? nextWakeAt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Email {EmailId} ({Template}) queued for process {ProcessKey}")]
    internal partial void LogEmailQueued(string emailId, string template, string processKey);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Process {ProcessKey} cancelled by {Actor}")]
    internal partial void LogCancelled(string processKey, string actor);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Process {ProcessKey} was put away with handed-over emails still listed in its row; its next activation hands them over again (each is sent once) and clears them")]
    internal partial void LogNotTidied(Exception exception, string processKey);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Process {ProcessKey} was changed elsewhere since it was read; it will be read again")]
    internal partial void LogChangedElsewhere(string processKey);
}
