using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;

namespace Safeguarding.Workflows.Host.Processes;

/// <summary>
/// The parts of a process resource every kind shares (docs/design/api.md): deadlines and timeline. A kind's own view record
/// includes these next to its own fields, so every process reads the same way over HTTP.
/// </summary>
public static class ProcessViews
{
    public sealed record DeadlineView(string Name, DateOnly DueOn, DateTimeOffset DueAt, string State, DateTimeOffset? MetAt);

    public sealed record TimelineView(DateTimeOffset At, string Type, string Actor, string Detail);

    public static List<DeadlineView> Deadlines<T>(T process) where T : IDurableProcess<T> =>
        process.Deadlines.Select(d => new DeadlineView(d.Name, d.DueOn, d.DueAt, ApiNames.State(d.State), d.MetAt)).ToList();

    public static List<TimelineView> Timeline<T>(T process) where T : IDurableProcess<T> =>
        process.Timeline.Select(t => new TimelineView(t.At, t.Type, t.Actor, t.Detail)).ToList();

    public static string Status<T>(T process) where T : IDurableProcess<T> => ApiNames.Status(process.Status);
}
