using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>The host's bound on wakes under way: while storage is stalled, wakes queue in order instead of piling up calls.</summary>
public sealed class WakesInProgressTests
{
    [Fact]
    public async Task While_wakes_are_stalled_no_more_than_the_limit_run_and_all_finish_once_released()
    {
        var bound = new WakesInProgress(limit: 4);
        var stalled = new TaskCompletionSource<DateTimeOffset?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = 0;
        var mostAtOnce = 0;
        var wakes = Enumerable.Range(0, 50).Select(_ => Task.Run(() => bound.RunAsync(async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref mostAtOnce, now);
            try
            {
                return await stalled.Task;
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }))).ToList();

        await WaitUntil(() => bound.Count == 4);
        await Task.Delay(100);
        Assert.Equal(4, bound.Count);
        Assert.Equal(4, Volatile.Read(ref running));

        stalled.SetResult(null);
        await Task.WhenAll(wakes);
        Assert.Equal(4, mostAtOnce);
        Assert.Equal(0, bound.Count);
    }

    [Fact]
    public async Task Waiting_wakes_run_in_the_order_they_came()
    {
        var bound = new WakesInProgress(limit: 1);
        var first = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<int>();
        var blocker = bound.RunAsync(() => first.Task);
        var waiting = new List<Task<int>>();
        for (var i = 0; i < 10; i++)
        {
            var n = i;
            waiting.Add(bound.RunAsync(() =>
            {
                lock (order)
                {
                    order.Add(n);
                }

                return Task.FromResult(n);
            }));
        }

        Assert.Empty(order);
        first.SetResult(-1);
        await blocker;
        await Task.WhenAll(waiting);
        Assert.Equal(Enumerable.Range(0, 10), order);
    }

    [Fact]
    public async Task A_wake_that_fails_gives_its_slot_back()
    {
        var bound = new WakesInProgress(limit: 1);
        await Assert.ThrowsAsync<TimeoutException>(() => bound.RunAsync<int>(() => throw new TimeoutException("storage")));
        Assert.Equal(0, bound.Count);
        Assert.Equal(7, await bound.RunAsync(() => Task.FromResult(7)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var tries = 0; !condition(); tries++)
        {
            Assert.True(tries < 500, "timed out waiting");
            await Task.Delay(10);
        }
    }
}
