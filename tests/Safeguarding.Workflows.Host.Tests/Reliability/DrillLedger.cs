using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// What the fault tests count: every drill's step-done rows in the audit log (read straight from the table, so a
/// duplicate would show) and the outbox's message ids.
/// </summary>
public static partial class DrillLedger
{
    public const string Partnership = "staffordshire";

    public static string MessageId(string drillId) => $"{Partnership}/drill/{drillId}/step/step";

    public static async Task StartAsync(HttpClient client, string id, DateTimeOffset dueAt)
    {
        using var response = await client.PutAsJsonAsync(
            $"/api/partnerships/{Partnership}/drills/{id}", new { steps = new[] { new { name = "step", dueAt } } });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Step-done rows per drill id: (count, first instant).</summary>
    public static async Task<Dictionary<string, (int Count, DateTimeOffset At)>> StepsDoneAsync(string connectionString, string prefix)
    {
        var audit = new TableServiceClient(connectionString).GetTableClient(prefix + "audit");
        var done = new Dictionary<string, (int Count, DateTimeOffset At)>();
        try
        {
            await foreach (var row in audit.QueryAsync<TableEntity>("Type eq 'step-done'", select: ["PartitionKey", "At"]))
            {
                var id = TrailingId().Match(row.PartitionKey).Value;
                var at = row.GetDateTimeOffset("At")!.Value;
                done[id] = done.TryGetValue(id, out var seen) ? (seen.Count + 1, seen.At < at ? seen.At : at) : (1, at);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // no audit table yet
        }

        return done;
    }

    /// <summary>Every message id in the outbox, repeats included.</summary>
    public static async Task<List<string>> OutboxIdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<OutboxItem>>("/api/outbox"))!.Select(e => e.Id).ToList();

    /// <summary>Polls until every drill's step is done and its email is in the outbox, or the time is up.</summary>
    public static async Task<(Dictionary<string, (int Count, DateTimeOffset At)> Done, List<string> Outbox)> WaitForAllAsync(
        Func<HttpClient> client, string connectionString, string prefix, int drills, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var done = await StepsDoneAsync(connectionString, prefix);
            List<string> outbox;
            using (var http = client())
            {
                outbox = await OutboxIdsAsync(http);
            }

            if ((done.Count >= drills && outbox.Count >= drills) || DateTimeOffset.UtcNow > until)
            {
                return (done, outbox);
            }

            await Task.Delay(2000);
        }
    }

    public sealed record OutboxItem(string Id);

    [GeneratedRegex("[a-z0-9-]+$")]
    private static partial Regex TrailingId();
}
