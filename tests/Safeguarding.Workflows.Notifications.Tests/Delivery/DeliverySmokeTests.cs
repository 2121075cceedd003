using Safeguarding.Workflows.Notifications.Sending.Outbox;

namespace Safeguarding.Workflows.Notifications.Tests.Delivery;

/// <summary>A tiny version of the bench's email run (bench/Safeguarding.Workflows.Bench email): many messages, Outbox provider, Azurite.</summary>
public sealed class DeliverySmokeTests
{
    [Fact]
    public async Task Twenty_messages_go_through_queue_worker_and_outbox()
    {
        await using var harness = new DeliveryHarness();
        await harness.StartAsync();

        await Parallel.ForAsync(0, 20, async (i, ct) =>
            await harness.Queue.EnqueueAsync(Messages.Notice(id: $"smoke/{i:D2}", to: $"person{i}@agency.example"), ct));
        await harness.IdleAsync(seconds: 60);

        var entries = await harness.Outbox.ListAsync(new OutboxQuery(), CancellationToken.None);
        Assert.Equal(20, entries.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"smoke/{i:D2}").Order(), entries.Select(e => e.Id).Order());
        Assert.Equal(0, await DeliveryWorkerTests.QueueLengthAsync(harness.Storage, harness.Storage.Queue));
    }
}
