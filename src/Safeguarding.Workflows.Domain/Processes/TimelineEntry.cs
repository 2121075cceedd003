namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// One thing that happened to a process: who or what did it, when, and a short non-identifying detail.
/// <see cref="Type"/> is a stable kebab-case event name (for example <c>paper-requested</c>, <c>deadline-missed</c>).
/// Every entry is also appended to the process's audit log.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Type, string Actor, string Detail);

/// <summary>Actors that are not people.</summary>
public static class Actors
{
    /// <summary>The service itself, acting on a timer.</summary>
    public const string System = "system";
}
