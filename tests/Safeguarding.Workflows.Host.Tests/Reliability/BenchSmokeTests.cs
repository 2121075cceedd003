using Safeguarding.Workflows.Bench;
using Safeguarding.Workflows.Bench.Deadlines;
using Safeguarding.Workflows.Bench.Forms;
using Safeguarding.Workflows.Bench.Memory;
using Safeguarding.Workflows.Bench.Pages;
using Safeguarding.Workflows.Bench.Starts;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// Each benchmark at a tiny size, so the commands documented in bench/README.md keep working. These check that the
/// benchmarks measure something sensible, not the targets: the targets are for the full sizes, run by hand.
/// </summary>
public sealed class BenchSmokeTests
{
    private static BenchOptions Options(int count) => new(count, 4, TestStorage.ConnectionString, Drain: false);

    [Fact]
    public async Task Starts_compares_process_starts_with_raw_inserts()
    {
        var result = await StartsBenchmark.MeasureAsync(Options(20));

        Assert.True(result.InsertsPerSecond > 0);
        Assert.True(result.StartsPerSecond > 0);
        Assert.InRange(result.Ratio, 0.001, 100);
    }

    [Fact]
    public async Task Deadlines_measures_the_lateness_of_every_step()
    {
        var result = await DeadlinesBenchmark.MeasureAsync(Options(20) with { Spread = TimeSpan.FromSeconds(5), Lead = TimeSpan.FromSeconds(8) });

        Assert.True(result.NotDone == 0, $"{result.NotDone} not done");
        Assert.True(result.Measured + result.CreatedLate == 20, $"measured {result.Measured} + created late {result.CreatedLate}");
        Assert.True(result.Measured > 0, "Every drill was created after its step was due; the lead is too short.");
        Assert.InRange(result.P50, 0, 60_000);
        Assert.True(result.P50 <= result.P99 && result.P99 <= result.Max, $"p50 {result.P50} p99 {result.P99} max {result.Max}");

        // A step is saved after it is done (storage stamps its writes to the millisecond).
        Assert.True(result.Saved.P50 >= result.P50 - 1 && result.Saved.Max >= result.Max - 1, $"saved {result.Saved}, done p50 {result.P50} max {result.Max}");

        // Every probe timed calls while the steps fell due (one every 100 ms when idle). On a loaded 2-core machine a
        // stalled call holds up the next, so only "it ran, and not more often than asked" is asserted here.
        foreach (var (probe, pauses) in new[] { ("storage", result.StoragePauses!), ("queue", result.QueuePauses!), ("host", result.HostPauses!) })
            Assert.True(pauses.Calls is >= 1 and <= 150, $"{probe} probe: {pauses}");
        Assert.True(result.LateByWindow.Values.Sum() <= result.Measured, $"late by window {string.Join(", ", result.LateByWindow)}, measured {result.Measured}");
    }

    [Fact]
    public async Task Forms_sends_at_a_fixed_rate_and_times_each_request()
    {
        var result = await FormsBenchmark.MeasureAsync(Options(0) with { Rate = 20, Duration = TimeSpan.FromSeconds(1) });

        Assert.Equal(20, result.Requests);
        Assert.Equal(0, result.Failed);
        Assert.True(result.P50 > 0 && result.P50 <= result.P99 && result.P99 <= result.Max);
        Assert.True(result.Storage.Calls >= 1 && result.Storage.P50 > 0, $"storage probe: {result.Storage}");
    }

    [Fact]
    public async Task Pages_times_the_dashboard_and_each_list_beside_storage_alone()
    {
        var result = await PagesBenchmark.MeasureAsync(Options(8) with { Requests = 3 });

        Assert.Equal(8, result.Created);
        var dashboard = Assert.Single(result.Pages, p => p.Path == "");
        Assert.Equal(200, dashboard.Status);
        Assert.Equal(3, dashboard.Requests);
        Assert.True(dashboard.P50 > 0 && dashboard.P50 <= dashboard.P99 && dashboard.P99 <= dashboard.Max, $"{dashboard}");
        Assert.Contains(result.Pages, p => p.Path == "/rapid-reviews" && p.Status == 200);
        Assert.Contains(result.Pages, p => p.Path == "/meetings" && p.Status == 200);
    }

    [Fact]
    public async Task Memory_reads_the_working_set_of_the_host_process_before_and_after_a_restart()
    {
        var result = await MemoryBenchmark.MeasureAsync(Options(20), settle: TimeSpan.FromSeconds(1));

        Assert.InRange(result.IdleBytes, 20L << 20, 4L << 30);
        Assert.InRange(result.SettledBytes, 20L << 20, 4L << 30);
        Assert.Equal(20, result.Reloaded); // the second host found every open process's wake
        Assert.InRange(result.RestartedIdleBytes, 20L << 20, 4L << 30);
        Assert.InRange(result.RestartedSettledBytes, 20L << 20, 4L << 30);
    }
}
