using System.Net.Http.Json;
using Azure.Data.Tables;
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
    /// Every drill's step-done audit entries: how many (a repeat would show) and the first instant. Read straight from
    /// the table, one scan of the partnership's drill rows instead of a GET per drill.
    /// </summary>
    public static async Task<Dictionary<string, (int Count, DateTimeOffset At)>> StepsDoneAsync(string connectionString, string prefix)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(prefix + ProcessIndex.TableSuffix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(Partnership)}") + " and " + ProcessRows.ProcessRange("drill");
        var done = new Dictionary<string, (int Count, DateTimeOffset At)>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter))
            {
                var steps = AuditLog.Read(row).Where(r => r.Type == "step-done").ToList();
                if (steps.Count > 0)
                {
                    done[row.GetString("Id")] = (steps.Count, steps.Min(r => r.At));
                }
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
