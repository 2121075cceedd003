using System.Collections.Frozen;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// The failed emails the dashboard shows, kept on this host for a few seconds: every view of every dashboard read the
/// whole failed-message table, and one read now serves every partnership. A failure recorded (or a message retried)
/// on this host shows at once: the next view waits for a fresh read (<see cref="FailedMessages.Changes"/>). One
/// recorded by another host of the cluster shows within seconds: a view of a copy older than <see cref="FreshFor"/>
/// starts a re-read and answers from the copy meanwhile, as <see cref="ProcessListing"/> does.
/// </summary>
public sealed class FailedEmailListing(FailedMessages failed, TimeProvider time)
{
    /// <summary>How old the copy may be before a view starts a re-read.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private Copy? copy;
    private Task<Copy>? reading;

    /// <summary>The partnership's failed emails, newest first.</summary>
    public async Task<IReadOnlyList<FailedEmail>> ForAsync(string partnershipId, CancellationToken cancellationToken)
    {
        // A change made here while a read was under way may be missing from that read: one more read covers it.
        for (var attempt = 0; ; attempt++)
        {
            Copy? held;
            Task<Copy>? wait;
            lock (gate)
            {
                held = copy;
                var changedHere = held is null || held.Changes != failed.Changes;
                if (reading is null && (changedHere || time.GetUtcNow() - held!.ReadAt > FreshFor))
                {
                    reading = Task.Run(ReadAsync, CancellationToken.None);
                }

                wait = changedHere ? reading : null;
            }

            if (wait is null)
            {
                return held!.For(partnershipId);
            }

            var read = await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (read.Changes == failed.Changes || attempt > 0)
            {
                return read.For(partnershipId);
            }
        }
    }

    private async Task<Copy> ReadAsync()
    {
        // Counted before the read, so that a change made during it leaves the copy out of date.
        var changes = failed.Changes;
        var readAt = time.GetUtcNow();
        try
        {
            var all = await failed.ListAsync(CancellationToken.None).ConfigureAwait(false);
            var byPartnership = all
                .Where(f => f.ProcessKey.Split('/', 3) is [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }]) // one odd row must not stop every dashboard
                .GroupBy(f => f.PartnershipId, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, Newest, StringComparer.Ordinal);
            var read = new Copy(readAt, changes, byPartnership);
            lock (gate)
            {
                copy = read;
            }

            return read;
        }
        finally
        {
            lock (gate)
            {
                reading = null;
            }
        }
    }

    private static IReadOnlyList<FailedEmail> Newest(IEnumerable<FailedMessage> failures) =>
        failures.OrderByDescending(f => f.FailedAt)
            .Select(f => new FailedEmail(ProcessKey.Parse(f.ProcessKey), f.Kind, f.Attempts, f.FailedAt, f.LastError))
            .ToList();

    private sealed record Copy(DateTimeOffset ReadAt, long Changes, FrozenDictionary<string, IReadOnlyList<FailedEmail>> ByPartnership)
    {
        public IReadOnlyList<FailedEmail> For(string partnershipId) => ByPartnership.TryGetValue(partnershipId, out var list) ? list : [];
    }
}
