using System.Diagnostics;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Forms;

/// <summary>
/// Submissions at a fixed rate (open loop: each request is sent on schedule whether or not earlier ones have
/// answered), each a drill PUT (a new process with one step due tomorrow: one process row written); latency per request.
/// </summary>
public static class FormsBenchmark
{
    /// <param name="Storage">Storage alone in the same seconds: one small entity written and read back every 100 ms,
    /// about what one submission asks of storage (a point read and one insert).</param>
    /// <param name="Tail">Where the slowest 1 % of requests were spent (see <see cref="TailCauses"/>).</param>
    public sealed record Result(int Requests, int Failed, double P50, double P99, double Max, double AchievedRate, PauseProbe.Timings Storage, TailCauses Tail)
    {
        /// <summary>What the service adds to storage's own time, at the median and at p99 (negative: within the noise).</summary>
        public (double P50, double P99) Engine => (P50 - Storage.P50, P99 - Storage.P99);
    }

    /// <summary>
    /// The requests at or above p99, by what else was slow while they ran: the storage probe (Azurite stalled), the host
    /// probe alone (a call that touches no storage stalled: the host itself paused, for GC or threads), or neither
    /// (time spent in the request's own path).
    /// </summary>
    public sealed record TailCauses(int Slowest, int StorageSlow, int HostSlowOnly, int Neither)
    {
        public override string ToString() =>
            $"{Slowest} requests at or above p99: {StorageSlow} while storage alone was slow, {HostSlowOnly} while the host alone was slow (no storage in the call), {Neither} with neither";
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"forms: {options.Rate} requests/s for {options.Duration.TotalSeconds:F0} s");
        var r = await MeasureAsync(options);
        Console.WriteLine($"  requests: {r.Requests} ({r.Failed} failed or not answered within 10 s), sent and answered at {r.AchievedRate:F0} /s");
        Console.WriteLine($"  latency:  p50 {Report.Ms(r.P50)}, p99 {Report.Ms(r.P99)} (target <= 25 ms), max {Report.Ms(r.Max)}");
        Console.WriteLine($"  storage alone, same seconds (write+read): p50 {Report.Ms(r.Storage.P50)}, p99 {Report.Ms(r.Storage.P99)}, max {Report.Ms(r.Storage.Max)} ({r.Storage.Calls} calls)");
        Console.WriteLine($"  tail: {r.Tail}");
        Console.WriteLine($"  the service's own share: p50 {Report.Ms(r.Engine.P50)}, p99 {Report.Ms(r.Engine.P99)} (latency minus storage alone)");
        return 0;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options)
    {
        await using var host = await BenchHost.StartAsync(options.ConnectionString);
        using var client = host.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var dueAt = DateTimeOffset.UtcNow.AddDays(1);

        // Warm up the connection pool, the JIT and the storage tables before measuring.
        await Drills.ForEachAsync(50, 8, i => Drills.StartAsync(client, $"w{i}", dueAt));

        await using var storage = PauseProbe.StorageWriteRead(options.ConnectionString);
        await using var hostAlone = PauseProbe.Host(client);
        var from = DateTimeOffset.UtcNow;
        var total = (int)(options.Rate * options.Duration.TotalSeconds);
        var latencies = new double[total];
        var sentAt = new DateTimeOffset[total];
        var failed = 0;
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var sendAt = TimeSpan.FromSeconds((double)i / options.Rate);
            var wait = sendAt - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var n = i;
            requests.Add(Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                sentAt[n] = DateTimeOffset.UtcNow;
                try
                {
                    await Drills.StartAsync(client, $"f{n}", dueAt);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // refused, or no answer within the client's timeout: counted, and its latency kept as measured
                    Interlocked.Increment(ref failed);
                }

                latencies[n] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }));
        }

        await Task.WhenAll(requests);
        var elapsed = clock.Elapsed;
        var sorted = latencies.Order().ToList();
        var storageTimings = storage.TimingsBetween(from, DateTimeOffset.UtcNow);
        var p99 = Report.Percentile(sorted, 99);
        var tail = Causes(
            [.. Enumerable.Range(0, total).Where(i => latencies[i] >= p99).Select(i => (sentAt[i], sentAt[i].AddMilliseconds(latencies[i])))],
            storage,
            Threshold(10, storageTimings.P50),
            hostAlone,
            Threshold(5, hostAlone.TimingsBetween(from, DateTimeOffset.UtcNow).P50));
        return new Result(total, failed, Report.Percentile(sorted, 50), p99, sorted[^1], total / elapsed.TotalSeconds, storageTimings, tail);
    }

    /// <summary>"Slow" for a probe: three times its median in the run, and at least <paramref name="floorMs"/>.</summary>
    private static TimeSpan Threshold(double floorMs, double p50) => TimeSpan.FromMilliseconds(double.IsNaN(p50) ? floorMs : Math.Max(floorMs, 3 * p50));

    private static TailCauses Causes(
        IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> slowest, PauseProbe storage, TimeSpan storageSlow, PauseProbe host, TimeSpan hostSlow)
    {
        var storageCount = slowest.Count(r => storage.SlowDuring(r.From, r.To, storageSlow));
        var hostOnly = slowest.Count(r => !storage.SlowDuring(r.From, r.To, storageSlow) && host.SlowDuring(r.From, r.To, hostSlow));
        return new TailCauses(slowest.Count, storageCount, hostOnly, slowest.Count - storageCount - hostOnly);
    }
}
