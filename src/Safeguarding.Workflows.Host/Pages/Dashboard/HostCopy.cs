using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>How long the dashboard's copies (<see cref="HostCopy{T}"/>) are used before a view starts a re-read.</summary>
public static class HostCopy
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Something the dashboard shows, read from storage and kept on this host for a few seconds, so a view does not read it
/// again. A change saved on this host (<paramref name="changes"/> moved) shows at once: the next view waits for a fresh
/// read. One saved by another host of the cluster shows within seconds: a view of a copy older than
/// <see cref="HostCopy.FreshFor"/> starts a re-read and answers from the copy meanwhile, as <see cref="ProcessListing"/> does.
/// </summary>
/// <param name="read">Reads the value from storage.</param>
/// <param name="changes">How many changes this host has saved: a count that moves with each.</param>
public sealed class HostCopy<T>(Func<Task<T>> read, Func<long> changes, TimeProvider time)
{
    private readonly Lock gate = new();
    private Copy? copy;
    private Task<Copy>? reading;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        // A change made here while a read was under way may be missing from that read: one more read covers it.
        for (var attempt = 0; ; attempt++)
        {
            Copy? held;
            Task<Copy>? wait;
            lock (gate)
            {
                held = copy;
                var changedHere = held is null || held.Changes != changes();
                if (reading is null && (changedHere || time.GetUtcNow() - held!.ReadAt > HostCopy.FreshFor))
                {
                    reading = Task.Run(ReadAsync, CancellationToken.None);
                }

                wait = changedHere ? reading : null;
            }

            if (wait is null)
            {
                return held!.Value;
            }

            var fresh = await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (fresh.Changes == changes() || attempt > 0)
            {
                return fresh.Value;
            }
        }
    }

    private async Task<Copy> ReadAsync()
    {
        // Counted before the read, so that a change made during it leaves the copy out of date.
        var counted = changes();
        var readAt = time.GetUtcNow();
        try
        {
            var fresh = new Copy(readAt, counted, await read().ConfigureAwait(false));
            lock (gate)
            {
                copy = fresh;
            }

            return fresh;
        }
        finally
        {
            lock (gate)
            {
                reading = null;
            }
        }
    }

    private sealed record Copy(DateTimeOffset ReadAt, long Changes, T Value);
}
