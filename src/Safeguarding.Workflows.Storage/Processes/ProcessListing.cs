using System.Collections.Concurrent;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Storage.Processes;

/// <summary>
/// Every process of a partnership as its index columns (open and closed), held in memory for the staff pages: the
/// dashboard and the lists read a partnership's thousands of rows on every view, and a table scan per view cost
/// seconds at 10 000 processes (<c>bench/README.md</c>, "pages"). Saves made on this host apply at once
/// (<see cref="ProcessStore"/> reports them); changes saved by other hosts of the cluster arrive with the next
/// re-read, started in the background when the copy is older than <see cref="FreshFor"/>.
/// </summary>
public sealed class ProcessListing(ProcessIndex index, TimeProvider time)
{
    /// <summary>How old a partnership's copy may be before a view starts a re-read (it still answers from the copy meanwhile).</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Copy> copies = new(StringComparer.Ordinal);

    /// <summary>The partnership's processes, in no particular order.</summary>
    public async Task<IReadOnlyCollection<ProcessIndexEntry>> AllAsync(string partnershipId, CancellationToken cancellationToken)
    {
        var copy = copies.GetOrAdd(partnershipId, _ => new Copy());
        Task? reading;
        lock (copy)
        {
            if (copy.Reading is null && (copy.ReadAt is not { } readAt || time.GetUtcNow() - readAt > FreshFor))
            {
                copy.Reading = ReadAsync(partnershipId, copy);
            }

            reading = copy.ReadAt is null ? copy.Reading : null;
        }

        // Only the first view of a partnership waits for the scan; later ones answer from the copy while it re-reads.
        if (reading is not null)
        {
            await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return [.. copy.Rows.Values.Select(r => r.Entry)];
    }

    /// <summary>A process was saved on this host.</summary>
    public void Saved(ProcessIndexEntry entry)
    {
        if (copies.TryGetValue(entry.PartnershipId, out var copy))
        {
            Keep(copy, entry, Interlocked.Increment(ref copy.Saves));
        }
    }

    /// <summary>A process was erased on this host.</summary>
    public void Deleted(ProcessKey key)
    {
        if (copies.TryGetValue(key.PartnershipId, out var copy))
        {
            copy.Rows.TryRemove(Id(key), out _);
        }
    }

    private async Task ReadAsync(string partnershipId, Copy copy)
    {
        // Never finish on the caller's thread: the caller sets Reading after this returns, so a read that failed at once
        // would otherwise leave Reading set for good, and the copy would never be read again.
        await Task.Yield();
        var startedAt = time.GetUtcNow();
        var savesBefore = Interlocked.Read(ref copy.Saves);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                var page = await index.QueryAsync(partnershipId, new ProcessQuery(Top: ProcessIndex.MaxTop, ContinuationToken: token), CancellationToken.None).ConfigureAwait(false);
                foreach (var entry in page.Items)
                {
                    seen.Add(Id(entry.Key));
                    Keep(copy, entry, 0);
                }

                token = page.ContinuationToken;
            }
            while (token is not null);

            // Gone from storage (purged elsewhere) unless saved here since the read began.
            foreach (var (id, row) in copy.Rows)
            {
                if (!seen.Contains(id) && row.Save <= savesBefore)
                {
                    copy.Rows.TryRemove(id, out _);
                }
            }

            lock (copy)
            {
                copy.ReadAt = startedAt;
            }
        }
        finally
        {
            lock (copy)
            {
                copy.Reading = null;
            }
        }
    }

    // A row read from storage never replaces a later save made here while the read was under way. Rows carry the
    // number of this host's save that wrote them (0: read from storage), so a read knows which rows it could not see.
    private static void Keep(Copy copy, ProcessIndexEntry entry, long save) =>
        copy.Rows.AddOrUpdate(Id(entry.Key), (entry, save), (_, held) =>
            save > 0 || held.Save == 0 || entry.UpdatedAt > held.Entry.UpdatedAt ? (entry, save) : held);

    private static string Id(ProcessKey key) => key.Kind + "/" + key.Id;

    private sealed class Copy
    {
        public long Saves;

        public ConcurrentDictionary<string, (ProcessIndexEntry Entry, long Save)> Rows { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset? ReadAt { get; set; }

        public Task? Reading { get; set; }
    }
}
