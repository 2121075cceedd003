using System.Collections.Frozen;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// The failed emails the dashboard shows, kept on this host for a few seconds (<see cref="HostCopy{T}"/>): every view
/// of every dashboard read the whole failed-message table, and one read now serves every partnership. A failure
/// recorded (or a message retried) on this host shows at once (<see cref="FailedMessages.Changes"/>); one recorded by
/// another host of the cluster within seconds.
/// </summary>
public sealed class FailedEmailListing(FailedMessages failed, TimeProvider time)
{
    /// <summary>How old the copy may be before a view starts a re-read.</summary>
    public static TimeSpan FreshFor => HostCopy.FreshFor;

    private readonly HostCopy<FrozenDictionary<string, IReadOnlyList<FailedEmail>>> copy = new(() => ReadAsync(failed), () => failed.Changes, time);

    /// <summary>The partnership's failed emails, newest first.</summary>
    public async Task<IReadOnlyList<FailedEmail>> ForAsync(string partnershipId, CancellationToken cancellationToken) =>
        (await copy.GetAsync(cancellationToken).ConfigureAwait(false)).TryGetValue(partnershipId, out var list) ? list : [];

    private static async Task<FrozenDictionary<string, IReadOnlyList<FailedEmail>>> ReadAsync(FailedMessages failed)
    {
        var all = await failed.ListAsync(CancellationToken.None).ConfigureAwait(false);
        return all
            .Where(f => f.ProcessKey.Split('/', 3) is [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }]) // one odd row must not stop every dashboard
            .GroupBy(f => f.PartnershipId, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, Newest, StringComparer.Ordinal);
    }

    private static IReadOnlyList<FailedEmail> Newest(IEnumerable<FailedMessage> failures) =>
        failures.OrderByDescending(f => f.FailedAt)
            .Select(f => new FailedEmail(ProcessKey.Parse(f.ProcessKey), f.Kind, f.Attempts, f.FailedAt, f.LastError))
            .ToList();
}
