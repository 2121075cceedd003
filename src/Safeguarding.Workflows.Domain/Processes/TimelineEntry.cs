namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// One thing that happened to a process: who or what did it, when, and a short non-identifying detail.
/// <see cref="Type"/> is a stable kebab-case event name (for example <c>paper-requested</c>, <c>deadline-missed</c>).
/// Every entry is also appended to the process's audit log.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Type, string Actor, string Detail);

/// <summary>The timeline is the audit log, so it only ever grows.</summary>
public static class AuditHistory
{
    /// <summary>True when <paramref name="next"/> keeps every entry of <paramref name="saved"/>, unchanged and in place.</summary>
    public static bool OnlyAppends(IReadOnlyList<TimelineEntry> saved, IReadOnlyList<TimelineEntry> next) =>
        next.Count >= saved.Count && saved.Select((entry, i) => ReferenceEquals(entry, next[i]) || entry == next[i]).All(same => same);
}

/// <summary>Actors that are not people.</summary>
public static class Actors
{
    /// <summary>The service itself, acting on a timer.</summary>
    public const string System = "system";
}
