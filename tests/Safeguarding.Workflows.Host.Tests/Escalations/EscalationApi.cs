using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>Talks to the escalation endpoints of one in-process service (Staffordshire preset) with a simulated clock.</summary>
internal sealed class EscalationApi(ServiceFactory factory) : IAsyncDisposable
{
    public const string Partnership = "staffordshire";

    public HttpClient Client { get; } = factory.CreateClient();

    public ServiceFactory Factory => factory;

    public static object Raise(string raisedOn = "2026-01-05", bool immediateRisk = false, string concerningAgency = "Staffordshire Police") => new
    {
        raisedOn,
        raisedBy = new { agency = "Staffordshire County Council", name = "Sam Social Worker", email = "sam@council.example.org" },
        concerning = new { agency = concerningAgency, name = "Pat Police Officer", email = "pat@police.example.org" },
        summary = "The agencies disagree about whether the threshold for a strategy discussion is met.",
        immediateRisk,
    };

    public static string Path(string id, string suffix = "") => $"/api/partnerships/{Partnership}/escalations/{id}{suffix}";

    public Task<HttpResponseMessage> Put(string id, object body) => Client.PutAsJsonAsync(Path(id), body);

    public async Task<JsonElement> PutOk(string id, object body)
    {
        var response = await Put(id, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> Get(string id)
    {
        var response = await Client.GetAsync(Path(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> Event(string id, object body) => Client.PostAsJsonAsync(Path(id, "/events"), body);

    public async Task<JsonElement> EventOk(string id, object body)
    {
        var response = await Event(id, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> Notice(string id, object body) => Client.PostAsJsonAsync(Path(id, "/formal-notice"), body);

    /// <summary>Moves the simulated clock to <paramref name="instant"/>; returns once everything due has been done.</summary>
    public async Task ClockTo(string instant) =>
        (await Client.PostAsJsonAsync("/api/dev/clock", new { setTo = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture) })).EnsureSuccessStatusCode();

    public async Task<List<(DateTimeOffset At, string Type, string Detail)>> History(string id)
    {
        var history = await Client.GetFromJsonAsync<JsonElement>(Path(id, "/history"));
        return history.EnumerateArray().Select(h => (h.GetProperty("at").GetDateTimeOffset(), h.GetProperty("type").GetString()!, h.GetProperty("detail").GetString()!)).ToList();
    }

    public static List<(string Name, string DueOn, string State)> Deadlines(JsonElement escalation) =>
        escalation.GetProperty("deadlines").EnumerateArray()
            .Select(d => (d.GetProperty("name").GetString()!, d.GetProperty("dueOn").GetString()!, d.GetProperty("state").GetString()!))
            .ToList();

    /// <summary>Timeline entries of <paramref name="type"/> as UTC instants written <c>yyyy-MM-ddTHH:mm</c>.</summary>
    public static List<string> Times(JsonElement escalation, string type) =>
        escalation.GetProperty("timeline").EnumerateArray()
            .Where(t => t.GetProperty("type").GetString() == type)
            .Select(t => t.GetProperty("at").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture))
            .ToList();

    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return factory.DisposeAsync();
    }
}
