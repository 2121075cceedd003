using Safeguarding.Workflows.Domain.Drills;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.Drills;

public interface IDrillGrain : IProcessGrain
{
    /// <summary>Starts the drill; false when one with this id already exists.</summary>
    Task<bool> StartAsync(IReadOnlyList<DrillStep> steps, IReadOnlyList<Deadline> deadlines, string actor);

    Task<DrillProcess?> GetAsync();
}

public sealed class DrillGrain(
    ProcessEngine engine) : ProcessGrain<DrillProcess>(engine), IDrillGrain
{
    public async Task<bool> StartAsync(IReadOnlyList<DrillStep> steps, IReadOnlyList<Deadline> deadlines, string actor)
    {
        if (Process is not null)
        {
            return false;
        }

        await StartAsync(DrillProcess.Start(Key, steps, deadlines, actor, Now));
        return true;
    }

    public Task<DrillProcess?> GetAsync() => Task.FromResult(Process);
}
