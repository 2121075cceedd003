namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>Where a process instance is in its life. Serialised in the API as <c>open</c>, <c>completed</c>, <c>cancelled</c>.</summary>
public enum ProcessStatus
{
    Open,
    Completed,
    Cancelled,
}
