using Safeguarding.Workflows.Domain.Drills;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Drills;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>What every process page shows, whatever the kind: the fields of <see cref="IDurableProcess{TSelf}"/>.</summary>
public sealed record ProcessSnapshot(string Title, ProcessStatus Status, IReadOnlyList<Deadline> Deadlines, IReadOnlyList<TimelineEntry> Timeline);

/// <summary>Reads a process's state from its grain, one line per kind (grains have no kind-independent read).</summary>
public sealed class ProcessSnapshots(IGrainFactory grains, IEnumerable<ProcessKindRegistration> kinds)
{
    private readonly Dictionary<string, string> plurals = kinds.ToDictionary(k => k.Kind, k => k.Plural);

    public IReadOnlyDictionary<string, string> Plurals => plurals;

    public string PluralOf(string kind) => plurals.GetValueOrDefault(kind, kind + "s");

    /// <summary>Null when the process does not exist or its kind has no reader here.</summary>
    public async Task<ProcessSnapshot?> ReadAsync(ProcessKey key) => key.Kind switch
    {
        DrillProcess.Kind => Of(await grains.GetGrain<IDrillGrain>(key.ToString()).GetAsync()),
        _ => null,
    };

    private static ProcessSnapshot? Of<T>(T? process) where T : class, IDurableProcess<T> =>
        process is null ? null : new(process.Title, process.Status, process.Deadlines, process.Timeline);
}
