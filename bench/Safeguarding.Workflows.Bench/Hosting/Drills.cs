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
    /// Every drill's step-done audit entries: how many (a repeat would show), the first instant, and when storage
    /// last wrote the row (for a one-step drill whose email is not delivered: the save after the email was queued).
    /// Read straight from the table, one scan of the partnership's drill rows instead of a GET per drill.
    /// </summary>
    public static async Task<Dictionary<string, StepDone>> StepsDoneAsync(string connectionString, string prefix)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(prefix + ProcessIndex.TableSuffix);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ProcessRows.Partition(Partnership)}") + " and " + ProcessRows.ProcessRange("drill");
        var done = new Dictionary<string, StepDone>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter))
            {
                var steps = AuditLog.Read(row).Where(r => r.Type == "step-done").ToList();
                if (steps.Count > 0)
                {
                    var at = steps.Min(r => r.At);
                    done[row.GetString("Id")] = new StepDone(steps.Count, at, row.Timestamp ?? at);
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

    /// <param name="Count">Step-done entries in the audit log (more than one would be a repeat).</param>
    /// <param name="At">The first step-done instant.</param>
    /// <param name="SavedAt">Storage's timestamp of the row's last write.</param>
    public sealed record StepDone(int Count, DateTimeOffset At, DateTimeOffset SavedAt);
}
