namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>Names under which process grains persist their state: <c>[PersistentState(ProcessStorage.StateName, ProcessStorage.Name)]</c>.</summary>
public static class ProcessStorage
{
    public const string Name = "processes";

    public const string StateName = "process";
}
