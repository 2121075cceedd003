using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Drills;

/// <summary>
/// A drill: a process kind with no statutory meaning, for operators, benchmarks and fault tests. It is a list of named
/// steps, each due at an instant and each done exactly once (with a notice email), plus optional deadlines. It exercises
/// the durable-deadline engine end to end without any rules on top. Enabled only with <c>Diagnostics:EnableDrills</c>.
/// </summary>
public sealed record DrillProcess(
    ProcessKey Key,
    ProcessStatus Status,
    ImmutableList<DrillStep> Steps,
    ImmutableList<Deadline> Deadlines,
    ImmutableList<TimelineEntry> Timeline) : IDurableProcess<DrillProcess>
{
    public const string Kind = "drill";

    public const string Plural = "drills";

    public string Title => "Drill";

    IReadOnlyList<Deadline> IDurableProcess<DrillProcess>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<DrillProcess>.Timeline => Timeline;

    public DateTimeOffset? NextWakeAt =>
        Steps.Where(s => s.DoneAt is null).Select(s => (DateTimeOffset?)s.DueAt).Append(DeadlineChecks.NextCheck(Deadlines)).Min();

    public static DrillProcess Start(ProcessKey key, IEnumerable<DrillStep> steps, IEnumerable<Deadline> deadlines, string actor, DateTimeOffset now) =>
        new(key, ProcessStatus.Open, steps.ToImmutableList(), deadlines.ToImmutableList(), [new TimelineEntry(now, "started", actor, "drill")]);

    public Transition<DrillProcess> Wake(DateTimeOffset now)
    {
        if (Status != ProcessStatus.Open)
        {
            return this;
        }

        var due = Steps.Where(s => s.DoneAt is null && s.DueAt <= now).OrderBy(s => s.DueAt).ToList();
        var (deadlines, missed) = DeadlineChecks.CheckAt(Deadlines, now);
        if (due.Count == 0 && missed.Count == 0)
        {
            return this;
        }

        var steps = Steps.Select(s => due.Contains(s) ? s with { DoneAt = now } : s).ToImmutableList();
        var timeline = Timeline.AddRange(due.Select(s => new TimelineEntry(now, "step-done", Actors.System, s.Name))).AddRange(missed);
        var emails = due.Select(s => new OutgoingEmail(
            $"{Key}/step/{s.Name}", Key.PartnershipId, Key.ToString(), "drills/step",
            [new EmailRecipient("Business manager", "business.manager@example.org")],
            new Dictionary<string, string>
            {
                ["reference"] = Key.Id,
                ["step"] = s.Name,
                ["dueAt"] = s.DueAt.ToString("O"),
                ["link"] = $"/partnerships/{Key.PartnershipId}/{Plural}/{Key.Id}",
            },
            now)).ToList();
        return new(this with { Steps = steps, Deadlines = deadlines, Timeline = timeline }, emails);
    }

    public Transition<DrillProcess> Cancel(string reason, string actor, DateTimeOffset now) =>
        this with { Status = ProcessStatus.Cancelled, Timeline = Timeline.Add(new TimelineEntry(now, "cancelled", actor, reason)) };
}

public sealed record DrillStep(string Name, DateTimeOffset DueAt, DateTimeOffset? DoneAt = null);
