using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Safeguarding.Workflows.Host.Tests.Reliability;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>
/// A process at rest (its grain put away) is activated ahead of its wake (<c>Engine:ActivateAhead</c>), so reading its
/// row never makes its step late. Against Azurite, on the system clock.
/// </summary>
public sealed class ActivateAheadTests
{
    [Fact]
    public async Task A_process_at_rest_is_activated_before_its_instant_and_its_step_done_at_it()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?>
        {
            ["Clock:Mode"] = "System",
            ["Engine:ActivateAhead"] = "00:00:08",
        });
        var client = factory.CreateClient();
        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var dueAt = DateTimeOffset.UtcNow.AddSeconds(20);
        await DrillLedger.StartAsync(client, "ahead", dueAt);

        // Put away, as after 15 idle minutes; only its row and its wake in the schedule are left.
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Poll.UntilAsync(async () => await ActiveDrillsAsync(management) == 0, "the drill to be put away");
        Assert.True(DateTimeOffset.UtcNow < dueAt - TimeSpan.FromSeconds(8), "The test machine was too slow to put the drill away in time.");

        // Active again before its instant, with nothing done yet...
        await Poll.UntilAsync(async () => await ActiveDrillsAsync(management) == 1, "the drill to be activated");
        var activatedAt = DateTimeOffset.UtcNow;
        var doneBefore = await DrillLedger.StepsDoneAsync(TestStorage.ConnectionString, factory.StoragePrefix);
        Assert.True(activatedAt < dueAt, $"Activated at {activatedAt:O}, not before its instant {dueAt:O}.");
        Assert.Empty(doneBefore);

        // ...and its step done once, at its instant.
        await Poll.UntilAsync(async () => (await DrillLedger.StepsDoneAsync(TestStorage.ConnectionString, factory.StoragePrefix)).Count == 1, "the step to be done");
        var done = (await DrillLedger.StepsDoneAsync(TestStorage.ConnectionString, factory.StoragePrefix))["ahead"];
        Assert.Equal(1, done.Count);
        Assert.True(done.At >= dueAt, $"Done at {done.At:O}, before its instant {dueAt:O}.");
    }

    private static async Task<int> ActiveDrillsAsync(IManagementGrain management) =>
        (await management.GetSimpleGrainStatistics())
            .Where(s => s.GrainType.Contains("DrillGrain", StringComparison.Ordinal))
            .Sum(s => s.ActivationCount);
}
