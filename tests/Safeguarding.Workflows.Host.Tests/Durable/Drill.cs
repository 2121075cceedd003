using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Tests.Durable;

// A test-only process kind: a list of named steps, each due at an instant, each to be done exactly once. It exercises the
// durable-deadline engine without any statutory rules on top.

public sealed record DrillStep(string Name, DateTimeOffset DueAt, DateTimeOffset? DoneAt = null);

public sealed record DrillProcess(
    ProcessKey Key,
    ProcessStatus Status,
    ImmutableList<DrillStep> Steps,
    ImmutableList<Deadline> Deadlines,
    ImmutableList<TimelineEntry> Timeline) : IDurableProcess<DrillProcess>
{
    public const string Kind = "drill";

    public string Title => "Drill";

    IReadOnlyList<Deadline> IDurableProcess<DrillProcess>.Deadlines => Deadlines;

    IReadOnlyList<TimelineEntry> IDurableProcess<DrillProcess>.Timeline => Timeline;

    public DateTimeOffset? NextWakeAt =>
        Steps.Where(s => s.DoneAt is null).Select(s => (DateTimeOffset?)s.DueAt).Append(DeadlineChecks.NextCheck(Deadlines)).Min();

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
            $"{Key}/step/{s.Name}", Key.PartnershipId, Key.ToString(), "test/notice",
            [new EmailRecipient("Business manager", "business.manager@example.org")],
            new Dictionary<string, string> { ["reference"] = Key.Id, ["step"] = s.Name },
            now)).ToList();
        return new(this with { Steps = steps, Deadlines = deadlines, Timeline = timeline }, emails);
    }

    public Transition<DrillProcess> Cancel(string reason, string actor, DateTimeOffset now) =>
        this with { Status = ProcessStatus.Cancelled, Timeline = Timeline.Add(new TimelineEntry(now, "cancelled", actor, reason)) };
}

public interface IDrillGrain : IProcessGrain
{
    Task StartAsync(IReadOnlyList<DrillStepPlan> steps, IReadOnlyList<DrillStepPlan> deadlines);

    Task<DrillView?> GetAsync();
}

[GenerateSerializer, Alias("sgw.tests.DrillStepPlan")]
public sealed record DrillStepPlan([property: Id(0)] string Name, [property: Id(1)] DateTimeOffset DueAt);

[GenerateSerializer, Alias("sgw.tests.DrillView")]
public sealed record DrillView(
    [property: Id(0)] IReadOnlyList<DrillStepPlan> Done,
    [property: Id(1)] IReadOnlyList<string> TimelineTypes,
    [property: Id(2)] IReadOnlyList<string> MissedDeadlines,
    [property: Id(3)] string Status);

public sealed class DrillGrain(
    [PersistentState(ProcessStorage.StateName, ProcessStorage.Name)] IPersistentState<ProcessRecord<DrillProcess>> record,
    ProcessEngine engine) : ProcessGrain<DrillProcess>(record, engine), IDrillGrain
{
    public async Task StartAsync(IReadOnlyList<DrillStepPlan> steps, IReadOnlyList<DrillStepPlan> deadlines)
    {
        var process = new DrillProcess(
            Key,
            ProcessStatus.Open,
            steps.Select(s => new DrillStep(s.Name, s.DueAt)).ToImmutableList(),
            deadlines.Select(d => new Deadline(d.Name, DateOnly.FromDateTime(d.DueAt.UtcDateTime), d.DueAt)).ToImmutableList(),
            [new TimelineEntry(Now, "started", "test", "drill")]);
        await StartAsync(process);
    }

    public Task<DrillView?> GetAsync() => Task.FromResult(Process is not { } p ? null : new DrillView(
        p.Steps.Where(s => s.DoneAt is not null).OrderBy(s => s.DoneAt).Select(s => new DrillStepPlan(s.Name, s.DoneAt!.Value)).ToList(),
        p.Timeline.Select(t => t.Type).ToList(),
        p.Deadlines.Where(d => d.State == DeadlineState.Missed).Select(d => d.Name).ToList(),
        p.Status.ToString()));
}
