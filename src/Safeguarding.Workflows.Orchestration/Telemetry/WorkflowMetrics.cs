using System.Diagnostics.Metrics;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.Telemetry;

/// <summary>
/// The engine's metrics (meter <see cref="MeterName"/>): processes started, deadlines met and missed, by kind and
/// deadline name, and the wakes under way on this host. Tags never carry a case reference or a person.
/// </summary>
public sealed class WorkflowMetrics
{
    public const string MeterName = EmailMetrics.MeterName;

    private readonly Counter<long> processesStarted;
    private readonly Counter<long> deadlinesMet;
    private readonly Counter<long> deadlinesMissed;

    public WorkflowMetrics(IMeterFactory meters, WakesInProgress wakes)
    {
        var meter = meters.Create(MeterName);
        processesStarted = meter.CreateCounter<long>("sgw.processes.started", description: "Processes started, by kind.");
        deadlinesMet = meter.CreateCounter<long>("sgw.deadlines.met", description: "Deadlines met on time, by kind and deadline.");
        deadlinesMissed = meter.CreateCounter<long>("sgw.deadlines.missed", description: "Deadlines missed, by kind and deadline.");
        meter.CreateObservableGauge("sgw.wakes.in_progress", () => (long)wakes.Count, description: "Process wakes under way on this host; at Engine:MaxWakesInProgress, storage is holding them up.");
    }

    /// <summary>Counts what changed between two states of a process (either may be null: not yet started).</summary>
    public void Record<T>(T? before, T after) where T : class, IDurableProcess<T>
    {
        var kind = new KeyValuePair<string, object?>("kind", after.Key.Kind);
        if (before is null)
        {
            processesStarted.Add(1, kind);
        }

        var previous = before?.Deadlines.ToDictionary(d => d.Name, d => d.State) ?? [];
        foreach (var deadline in after.Deadlines)
        {
            var was = previous.GetValueOrDefault(deadline.Name, DeadlineState.Pending);
            if (was == deadline.State)
            {
                continue;
            }

            var name = new KeyValuePair<string, object?>("deadline", DeadlineFamily(deadline.Name));
            if (deadline.State == DeadlineState.Met)
            {
                deadlinesMet.Add(1, kind, name);
            }
            else if (deadline.State == DeadlineState.Missed)
            {
                deadlinesMissed.Add(1, kind, name);
            }
        }
    }

    // "action:42" and "requirement:r1" are one family each, so metric cardinality stays small.
    private static string DeadlineFamily(string name) => name.Split(':', 2)[0];
}
