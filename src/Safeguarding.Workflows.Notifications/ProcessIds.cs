using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications;

/// <summary>The API shows a process's own id (<c>rr-1</c>); messages carry the full key (<c>solihull/rapid-review/rr-1</c>).</summary>
internal static class ProcessIds
{
    /// <summary>The partnership of a process key (<c>{partnershipId}/{kind}/{id}</c>); empty when the key has none.</summary>
    public static string PartnershipOf(string processKey)
    {
        var slash = processKey.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? processKey[..slash] : "";
    }

    public static string Of(string processKey)
    {
        try
        {
            return ProcessKey.Parse(processKey).Id;
        }
        catch (FormatException)
        {
            return processKey;
        }
    }
}
