using System.Diagnostics;
using Azure.Data.Tables;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Starts;

/// <summary>
/// Raw single-entity table inserts/s (AddEntityAsync, N concurrent workers) against process starts/s over HTTP (PUT a
/// drill with one step due tomorrow, the same N workers) on a host process against the same Azurite, in one run.
/// </summary>
public static class StartsBenchmark
{
    public sealed record Result(int Count, double InsertsPerSecond, double StartsPerSecond)
    {
        public double Ratio => StartsPerSecond / InsertsPerSecond;
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        Console.WriteLine($"starts: {options.Count} of each, {options.Concurrency} concurrent workers");
        var result = await MeasureAsync(options);
        Console.WriteLine($"  raw table inserts:        {result.InsertsPerSecond,8:F0} /s");
        Console.WriteLine($"  process starts over HTTP: {result.StartsPerSecond,8:F0} /s");
        Console.WriteLine($"  ratio:                    {100 * result.Ratio,8:F0} %  (target >= 50 %)");
        return 0;
    }

    public static async Task<Result> MeasureAsync(BenchOptions options)
    {
        var table = new TableServiceClient(options.ConnectionString).GetTableClient("bench" + Guid.NewGuid().ToString("N")[..10]);
        await table.CreateIfNotExistsAsync();
        var partitionKey = Guid.NewGuid().ToString("N");
        var payload = new string('x', 600); // about the size of a small process state
        await table.AddEntityAsync(new TableEntity(partitionKey, "warm-up") { ["State"] = payload });
        var clock = Stopwatch.StartNew();
        await Drills.ForEachAsync(options.Count, options.Concurrency, i =>
            table.AddEntityAsync(new TableEntity($"{partitionKey}-{i}", "state") { ["State"] = payload }));
        var inserts = options.Count / clock.Elapsed.TotalSeconds;
        await table.DeleteAsync();

        await using var host = await BenchHost.StartAsync(options.ConnectionString);
        using var client = host.CreateClient();
        var dueAt = DateTimeOffset.UtcNow.AddDays(1);
        await Drills.StartAsync(client, "warm-up", dueAt);
        clock.Restart();
        await Drills.ForEachAsync(options.Count, options.Concurrency, i => Drills.StartAsync(client, $"s{i}", dueAt));
        var starts = options.Count / clock.Elapsed.TotalSeconds;
        return new Result(options.Count, inserts, starts);
    }
}
