using System.Text.RegularExpressions;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Memory;

/// <summary>
/// The host's working set with N open processes (drills with one step due in 30 days, so each stays open with its
/// wake in its partnership's schedule), twice: on the host that created them, every grain still active (none has
/// been idle long enough to be collected); then on a second host started on the same storage, as after a deploy or
/// once the grains have been put away, holding only the wakes it loaded.
/// </summary>
public static partial class MemoryBenchmark
{
    /// <param name="Reloaded">How many wakes the second host loaded, and how long that took.</param>
    public sealed record Result(
        int Count,
        long IdleBytes,
        long LoadedBytes,
        long SettledBytes,
        long RestartedIdleBytes,
        int Reloaded,
        TimeSpan ReloadTime,
        long RestartedSettledBytes);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"memory: {options.Count} open processes, {options.Concurrency} concurrent workers");
        var r = await MeasureAsync(options, progress: true);
        Console.WriteLine("  the host that created them (every grain active):");
        Console.WriteLine($"    working set, idle:                       {Mib(r.IdleBytes)}");
        Console.WriteLine($"    right after {r.Count} processes were created: {Mib(r.LoadedBytes)}");
        Console.WriteLine($"    after 30 s quiet (GC settled):           {Mib(r.SettledBytes)} (target < 1024 MiB)");
        Console.WriteLine($"    per process: {PerProcessKib(r.SettledBytes - r.IdleBytes, r.Count)}");
        Console.WriteLine("  a second host on the same storage (grains not active, wakes loaded):");
        Console.WriteLine($"    working set, idle:                       {Mib(r.RestartedIdleBytes)}");
        Console.WriteLine($"    loaded {r.Reloaded} saved wakes in {r.ReloadTime.TotalSeconds:F1} s");
        Console.WriteLine($"    after 30 s quiet (GC settled):           {Mib(r.RestartedSettledBytes)} (target < 1024 MiB)");
        Console.WriteLine($"    per process: {PerProcessKib(r.RestartedSettledBytes - r.RestartedIdleBytes, r.Count)}");
        return 0;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options, bool progress = false, TimeSpan? settle = null)
    {
        // The host runs with its own GC settings (server GC, the ASP.NET Core default); it has no endpoint to force
        // a collection, so the last reading comes after a quiet period in which the GC has had time to settle.
        var quiet = settle ?? TimeSpan.FromSeconds(30);
        long idle, loaded, settled;
        string prefix;
        await using (var host = await BenchHost.StartAsync(options.ConnectionString))
        {
            prefix = host.Prefix!;
            using var client = host.CreateClient();
            await Task.Delay(TimeSpan.FromSeconds(3));
            idle = host.WorkingSet();
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
            loaded = host.WorkingSet();
            await Task.Delay(quiet);
            settled = host.WorkingSet();
        }

        // Same storage and cluster id; the schedule loads every saved wake when it starts (WakeScheduleGrain).
        await using var restarted = await BenchHost.StartAsync(options.ConnectionString, new Dictionary<string, string>
        {
            ["Storage:Prefix"] = prefix,
            ["Engine:ClusterId"] = prefix,
            ["Logging:LogLevel:Safeguarding.Workflows.Orchestration.Deadlines.WakeScheduleGrain"] = "Information",
        });
        var restartedIdle = restarted.WorkingSet();
        var line = await restarted.WaitForLogLineAsync(ReloadedLine(), TimeSpan.FromMinutes(30));
        await Task.Delay(quiet);
        return new Result(
            options.Count, idle, loaded, settled, restartedIdle,
            int.Parse(line.Groups["count"].Value),
            TimeSpan.FromMilliseconds(long.Parse(line.Groups["ms"].Value)),
            restarted.WorkingSet());
    }

    public static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0,7:F0} MiB";

    private static string PerProcessKib(long bytes, int count) => $"{bytes / (double)count / 1024:F2} KiB";

    // WakeScheduleGrain's log line (event 1014) for the benchmark's partnership.
    [GeneratedRegex(@"Loaded (?<count>\d+) saved wakes of partnership " + Drills.Partnership + @" in (?<ms>\d+) ms")]
    private static partial Regex ReloadedLine();
}
