using System.Collections.Concurrent;
using Safeguarding.Workflows.Storage.Meetings;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// The agencies each partnership's dashboard warns of (<see cref="AttendanceConcernStore"/>), kept on this host for a
/// few seconds as the failed emails are (<see cref="HostCopy{T}"/>): every view read the partnership's row. A list saved
/// on this host (attendance recorded here) shows at once; one saved by another host of the cluster within seconds.
/// </summary>
public sealed class AttendanceConcernListing(AttendanceConcernStore store, TimeProvider time)
{
    // One per configured partnership: the dashboard asks only for partnerships it knows.
    private readonly ConcurrentDictionary<string, HostCopy<IReadOnlyList<AttendanceConcern>>> copies = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<AttendanceConcern>> ForAsync(string partnershipId, CancellationToken cancellationToken) =>
        copies.GetOrAdd(partnershipId, p => new(() => store.ListAsync(p, CancellationToken.None), () => store.Changes, time)).GetAsync(cancellationToken);
}
