using System.Diagnostics;
using Azure.Data.Tables;
using Safeguarding.Workflows.Bench.Hosting;

namespace Safeguarding.Workflows.Bench.Starts;

/// <summary>
/// Raw single-entity table inserts/s (AddEntityAsync, N concurrent workers) against process starts/s over HTTP (PUT a
/// drill with one step due tomorrow, the same N workers) on a host process against the same Azurite, in one run of
/// four alternating rounds of each.
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
        await using var host = await BenchHost.StartAsync(options.ConnectionString);
        using var client = host.CreateClient();
        var dueAt = DateTimeOffset.UtcNow.AddDays(1);

        // Untimed warm-up of both paths (JIT, connections, Orleans' caches).
        var warmUp = Math.Min(options.WarmUp, options.Count);
        await Drills.ForEachAsync(warmUp, options.Concurrency, i => table.AddEntityAsync(new TableEntity($"{partitionKey}-w{i}", "state") { ["State"] = payload }));
        await Drills.ForEachAsync(warmUp, options.Concurrency, i => Drills.StartAsync(client, $"w{i}", dueAt));

        // Alternating rounds, so both see Azurite in the same state (it slows as its database grows) with the host up.
        var insertTime = TimeSpan.Zero;
        var startTime = TimeSpan.Zero;
        for (var round = 0; round < Rounds; round++)
        {
            var from = round * options.Count / Rounds;
            var size = (round + 1) * options.Count / Rounds - from;
            var clock = Stopwatch.StartNew();
            await Drills.ForEachAsync(size, options.Concurrency, i =>
                table.AddEntityAsync(new TableEntity($"{partitionKey}-{from + i}", "state") { ["State"] = payload }));
            insertTime += clock.Elapsed;

            clock.Restart();
            await Drills.ForEachAsync(size, options.Concurrency, i => Drills.StartAsync(client, $"s{from + i}", dueAt));
            startTime += clock.Elapsed;
        }

        await table.DeleteAsync();
        return new Result(options.Count, options.Count / insertTime.TotalSeconds, options.Count / startTime.TotalSeconds);
    }

    private const int Rounds = 4;
}
