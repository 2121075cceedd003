using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Safeguarding.Workflows.Host.Tests.AnnualReports;

/// <summary>Drives one partnership's yearly report over HTTP the way an agency, the business manager and a test would.</summary>
public sealed class AnnualReportClient(HttpClient client, string partnershipId, string year = "2025-26")
{
    public string Path { get; } = $"/api/partnerships/{partnershipId}/annual-reports/{year}";

    public string ProcessKey => $"{partnershipId}/annual-report/{year}";

    public Task<HttpResponseMessage> OpenAsync() => client.PutAsJsonAsync(Path, new { });

    public async Task<JsonObject> GetAsync()
    {
        var response = await client.GetAsync(Path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> SendSectionAsync(int number, string text, string agency = "Warwickshire Police", string email = "author@warwickshire.example.org") =>
        client.PutAsJsonAsync($"{Path}/sections/{number}", new { text, contributor = new { name = "Report author", email, agency } });

    public Task<HttpResponseMessage> CompileAsync() => client.PostAsync($"{Path}/compile", null);

    public Task<HttpResponseMessage> PublishAsync(string on, string url) => client.PostAsJsonAsync($"{Path}/events", new { type = "published", on, url });

    public Task<HttpResponseMessage> PostEventAsync(object body) => client.PostAsJsonAsync($"{Path}/events", body);

    public async Task MoveClockToAsync(string instant) =>
        (await client.PostAsJsonAsync("/api/dev/clock", new { setTo = DateTimeOffset.Parse(instant) })).EnsureSuccessStatusCode();

    public async Task<List<JsonObject>> HistoryAsync() =>
        (await client.GetFromJsonAsync<List<JsonObject>>($"{Path}/history"))!;

    /// <summary>The messages the Outbox provider holds for this report; null while the email feature is not in this build.</summary>
    public async Task<List<JsonObject>?> OutboxAsync()
    {
        // Emails are delivered in the background: moving the clock to where it stands first lets queued ones go out.
        var now = (await client.GetFromJsonAsync<JsonObject>("/api/dev/clock"))!["now"]!.GetValue<DateTimeOffset>();
        await MoveClockToAsync(now.ToString("O"));
        var response = await client.GetAsync($"/api/outbox?processId={Uri.EscapeDataString(ProcessKey)}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<List<JsonObject>>())!;
    }

    public static JsonArray Timeline(JsonObject report) => report["timeline"]!.AsArray();

    public static IEnumerable<JsonNode> Entries(JsonObject report, string type) => Timeline(report).Where(t => (string?)t!["type"] == type)!;

    public static JsonNode Deadline(JsonObject report, string name) => report["deadlines"]!.AsArray().Single(d => (string?)d!["name"] == name)!;

    public static JsonNode Section(JsonObject report, int number) => report["sections"]!.AsArray().Single(s => (int)s!["number"]! == number)!;

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
