using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>A link to a form about the process, shown on its page.</summary>
public sealed record FormLink(string Text, string Href);

/// <summary>One fact a process page lists about the process (never an identifying detail), with a link to record it when missing.</summary>
public sealed record SummaryRow(string Id, string Key, string Value, FormLink? Action = null);

/// <summary>What every process page shows, whatever the kind: the fields of <see cref="IDurableProcess{TSelf}"/>, and the kind's facts and forms.</summary>
public sealed record ProcessSnapshot(string Title, ProcessStatus Status, IReadOnlyList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Timeline)
{
    public IReadOnlyList<SummaryRow> Summary { get; init; } = [];

    public IReadOnlyList<FormLink> Forms { get; init; } = [];
}

/// <summary>
/// A kind's own facts and forms on the generic process page, registered in the kind's <c>AddX</c> method; a kind
/// without one still has its page (title, status, deadlines, history).
/// </summary>
public sealed record ProcessPageParts(string Kind, Func<IServiceProvider, ProcessKey, ProcessSnapshot, Task<ProcessSnapshot>> Complete);

/// <summary>Reads any registered kind's process for its page: the overview every grain gives, then the kind's own parts.</summary>
public sealed class ProcessSnapshots(ProcessGrains grains, IEnumerable<ProcessPageParts> parts, IServiceProvider services)
{
    private readonly Dictionary<string, string> plurals = grains.Registrations.ToDictionary(k => k.Kind, k => k.Plural);
    private readonly Dictionary<string, ProcessPageParts> partsByKind = parts.ToDictionary(p => p.Kind);

    public IReadOnlyDictionary<string, string> Plurals => plurals;

    public string PluralOf(string kind) => plurals.GetValueOrDefault(kind, kind + "s");

    /// <summary>Null when the process does not exist or its kind is not registered.</summary>
    public async Task<ProcessSnapshot?> ReadAsync(ProcessKey key)
    {
        if (grains.Find(key) is not { } grain || await grain.GetOverviewAsync() is not { } overview)
        {
            return null;
        }

        var snapshot = new ProcessSnapshot(overview.Title, overview.Status, overview.Deadlines, overview.Timeline);
        return partsByKind.TryGetValue(key.Kind, out var kindParts) ? await kindParts.Complete(services, key, snapshot) : snapshot;
    }
}
