using System.Net.Http.Json;
using Azure.Data.Tables;
using Safeguarding.Workflows.Storage;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Bench.Hosting;

/// <summary>Starts drills (one step each) over HTTP, as a client of the service would start any process.</summary>
public static class Drills
{
    public const string Partnership = "staffordshire";

    public static async Task StartAsync(HttpClient client, string id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/partnerships/{Partnership}/drills/{id}",
            new { steps = new[] { new { name = "step", dueAt } } },
            cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Every drill's step-done audit rows: how many (a repeat would show) and the first instant. Read straight from the
    /// table, one range scan of the partnership's drill audit rows instead of a GET per drill.
    /// </summary>
    public static async Task<Dictionary<string, (int Count, DateTimeOffset At)>> StepsDoneAsync(string connectionString, string prefix)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(prefix + ProcessIndex.TableSuffix);
        var from = "a|" + TableKeys.Escape("drill/");
        var upTo = from[..^1] + (char)(from[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(Partnership)} and RowKey ge {from} and RowKey lt {upTo} and Type eq {"step-done"}");
        var done = new Dictionary<string, (int Count, DateTimeOffset At)>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Sequence"]))
            {
                // RowKey: a|{escaped drill/id}|{ticks}-{sequence} (ProcessRows.Audit)
                var id = TableKeys.Unescape(row.RowKey.Split('|')[1])["drill/".Length..];
                var at = AuditLog.ToRecord(row).At;
                done[id] = done.TryGetValue(id, out var seen) ? (seen.Count + 1, seen.At < at ? seen.At : at) : (1, at);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No process saved yet, so no table.
        }

        return done;
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="work"/> (given 0..count-1) on <paramref name="workers"/> concurrent workers.</summary>
    public static Task ForEachAsync(int count, int workers, Func<int, Task> work)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await work(i);
            }
        }));
    }
}
