using System.Net.Http.Json;

namespace Safeguarding.Workflows.Host.Tests.Reliability;

/// <summary>
/// What the fault tests count: every drill's step-done rows in the audit log (read straight from the table, so a
/// duplicate would show) and the outbox's message ids.
/// </summary>
public static partial class DrillLedger
{
    public const string Partnership = Bench.Hosting.Drills.Partnership;

    public static string MessageId(string drillId) => $"{Partnership}/drill/{drillId}/step/step";

    public static Task StartAsync(HttpClient client, string id, DateTimeOffset dueAt) => Bench.Hosting.Drills.StartAsync(client, id, dueAt);

    /// <summary>Step-done rows per drill id.</summary>
    public static Task<Dictionary<string, Bench.Hosting.Drills.StepDone>> StepsDoneAsync(string connectionString, string prefix) =>
        Bench.Hosting.Drills.StepsDoneAsync(connectionString, prefix);

    /// <summary>Every message id in the outbox, repeats included.</summary>
    public static async Task<List<string>> OutboxIdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<OutboxItem>>("/api/outbox"))!.Select(e => e.Id).ToList();

    /// <summary>Polls until every drill's step is done and its email is in the outbox, or the time is up.</summary>
    public static async Task<(Dictionary<string, Bench.Hosting.Drills.StepDone> Done, List<string> Outbox)> WaitForAllAsync(
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
}
