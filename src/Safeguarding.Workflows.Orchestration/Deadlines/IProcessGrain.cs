namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>What every process grain offers the engine and the generic endpoints, whatever its kind.</summary>
public interface IProcessGrain : IGrainWithStringKey
{
    /// <summary>Does everything due as of the process clock's now and returns the next wake instant (null: nothing scheduled).</summary>
    Task<DateTimeOffset?> WakeAsync();

    /// <summary>Stops every pending action, with a reason recorded in the timeline and the audit log.</summary>
    Task<ChangeOutcome> CancelAsync(string reason, string actor);

    /// <summary>Erases a completed or cancelled process's state and wake; false (and nothing done) while it is open.</summary>
    Task<bool> PurgeAsync();

    /// <summary>Whether the process exists, and its status.</summary>
    Task<ProcessStatusView?> GetStatusAsync();

    /// <summary>What every process page and list shows, whatever the kind; null when the process does not exist.</summary>
    Task<Domain.Processes.ProcessOverview?> GetOverviewAsync();

    /// <summary>
    /// Writes the process's index row again from its state, unchanged, so a row saved before an index column was kept
    /// gets it; false when the process does not exist.
    /// </summary>
    Task<bool> SaveIndexAgainAsync();
}

/// <summary>How a command on a process ended, for endpoints to turn into 200/404/409.</summary>
[GenerateSerializer, Alias("sgw.ChangeOutcome")]
public enum ChangeOutcome
{
    Done,
    NotFound,
    NotOpen,
}

[GenerateSerializer, Alias("sgw.ProcessStatusView")]
public sealed record ProcessStatusView(
    [property: Id(0)] Domain.Processes.ProcessStatus Status,
    [property: Id(1)] DateTimeOffset? NextWakeAt);
