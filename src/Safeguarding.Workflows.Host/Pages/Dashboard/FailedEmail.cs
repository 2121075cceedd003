using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Delivery;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>An email that could not be delivered, as the dashboard lists it: which process and template, never the recipient or body.</summary>
public sealed record FailedEmail(ProcessKey Process, string Template, int Attempts, DateTimeOffset FailedAt, string Reason)
{
    /// <summary>The partnership's failed emails (the list of <c>GET /api/outbox/failed</c>), newest first.</summary>
    public static async Task<IReadOnlyList<FailedEmail>> ListAsync(FailedMessages failed, string partnershipId, CancellationToken cancellationToken) =>
        [.. (await failed.ListAsync(cancellationToken))
            .Where(f => f.ProcessKey.StartsWith(partnershipId + "/", StringComparison.Ordinal))
            .OrderByDescending(f => f.FailedAt)
            .Select(f => new FailedEmail(ProcessKey.Parse(f.ProcessKey), f.Kind, f.Attempts, f.FailedAt, f.LastError))];
}
