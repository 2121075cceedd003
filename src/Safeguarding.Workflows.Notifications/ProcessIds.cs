using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications;

/// <summary>The API shows a process's own id (<c>rr-1</c>); messages carry the full key (<c>solihull/rapid-review/rr-1</c>).</summary>
internal static class ProcessIds
{
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
