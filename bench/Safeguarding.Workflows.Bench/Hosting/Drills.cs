using System.Net.Http.Json;

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
