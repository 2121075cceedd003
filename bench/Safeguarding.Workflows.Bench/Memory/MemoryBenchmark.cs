using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Memory;

/// <summary>
/// The host's working set with N open processes (drills with one step due in 30 days, so each stays open with its
/// wake in its partnership's schedule and its grain active: nothing is deactivated within the run).
/// </summary>
public static class MemoryBenchmark
{
    public sealed record Result(int Count, long IdleBytes, long LoadedBytes, long SettledBytes);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"memory: {options.Count} open processes, {options.Concurrency} concurrent workers");
        var r = await MeasureAsync(options, progress: true);
        Console.WriteLine($"  host working set, idle:                   {Mib(r.IdleBytes)}");
        Console.WriteLine($"  right after {r.Count} processes were created: {Mib(r.LoadedBytes)}");
        Console.WriteLine($"  after 30 s quiet (GC settled):            {Mib(r.SettledBytes)} (target < 1024 MiB)");
        Console.WriteLine($"  per process: {(r.SettledBytes - r.IdleBytes) / (double)r.Count / 1024:F1} KiB");
        return 0;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options, bool progress = false, TimeSpan? settle = null)
    {
        // The host runs with its own GC settings (server GC, the ASP.NET Core default); it has no endpoint to force
        // a collection, so the last reading comes after a quiet period in which the GC has had time to settle.
        await using var host = await BenchHost.StartAsync(options.ConnectionString);
        using var client = host.CreateClient();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idle = host.WorkingSet();
        var dueAt = DateTimeOffset.UtcNow.AddDays(30);
        var done = 0;
        await Drills.ForEachAsync(options.Count, options.Concurrency, async i =>
        {
            await Drills.StartAsync(client, $"m{i}", dueAt);
            if (progress && Interlocked.Increment(ref done) % 10_000 == 0)
            {
                Console.WriteLine($"  ... {done} created, working set {Mib(host.WorkingSet())}");
            }
        });
        var loaded = host.WorkingSet();
        await Task.Delay(settle ?? TimeSpan.FromSeconds(30));
        return new Result(options.Count, idle, loaded, host.WorkingSet());
    }

    public static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0,7:F0} MiB";
}
