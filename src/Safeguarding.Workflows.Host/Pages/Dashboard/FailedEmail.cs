namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>An email that could not be delivered, as the dashboard lists it (no recipient address, no body).</summary>
public sealed record FailedEmail(string What, DateTimeOffset FailedAt, string Reason)
{
    /// <summary>The partnership's failed emails, newest first.</summary>
    public static Task<IReadOnlyList<FailedEmail>> ListAsync(IServiceProvider services, string partnershipId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FailedEmail>>([]);
}
