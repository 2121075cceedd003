using System.Collections.Concurrent;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// The histories the dashboard's recent activity shows, kept by the version of the row they were read from: a
/// process's history changes only when its row is saved again (a new <see cref="ProcessIndexEntry.Version"/>), so a
/// dashboard view reads storage only for processes changed since the last view, and waits on no storage stall otherwise.
/// </summary>
public sealed class RecentHistories(AuditLog auditLog)
{
    // The recent activity shows ten processes per partnership; this many covers every partnership many times over.
    private const int Kept = 1000;

    private readonly ConcurrentDictionary<ProcessKey, (string Version, IReadOnlyList<AuditRecord> History)> kept = new();

    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(ProcessIndexEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Version is { } version && kept.TryGetValue(entry.Key, out var held) && held.Version == version)
        {
            return held.History;
        }

        var history = await auditLog.ReadAsync(entry.Key, cancellationToken);
        if (entry.Version is { } read)
        {
            if (kept.Count >= Kept)
            {
                kept.Clear();
            }

            kept[entry.Key] = (read, history);
        }

        return history;
    }
}
