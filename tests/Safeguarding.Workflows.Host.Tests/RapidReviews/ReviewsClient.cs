using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests.RapidReviews;

/// <summary>Drives rapid and practice reviews over HTTP as agency forms and staff would, and moves the simulated clock.</summary>
public sealed class ReviewsClient(HttpClient client, string partnershipId = "staffordshire")
{
    public HttpClient Http => client;

    public string Resource(string kindPlural, string id) => $"/api/partnerships/{partnershipId}/{kindPlural}/{id}";

    public Task<HttpResponseMessage> PutAsync(string kindPlural, string id, object body) => client.PutAsJsonAsync(Resource(kindPlural, id), body);

    public Task<HttpResponseMessage> EventAsync(string kindPlural, string id, object body) => client.PostAsJsonAsync(Resource(kindPlural, id) + "/events", body);

    /// <summary>Posts an event that must succeed (200) and returns the resource it answers with.</summary>
    public async Task<JsonElement> RecordAsync(string kindPlural, string id, object body)
    {
        var response = await EventAsync(kindPlural, id, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetAsync(string kindPlural, string id) =>
        await client.GetFromJsonAsync<JsonElement>(Resource(kindPlural, id));

    public async Task<List<JsonElement>> HistoryAsync(string kindPlural, string id) =>
        (await client.GetFromJsonAsync<List<JsonElement>>(Resource(kindPlural, id) + "/history"))!;

    /// <summary>Moves the simulated clock to a London local time; returns once everything due has been done.</summary>
    public async Task MoveToAsync(string date, int hour, int minute = 0)
    {
        var response = await client.PostAsJsonAsync("/api/dev/clock", new { setTo = London(date, hour, minute) });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static DateTimeOffset London(string date, int hour, int minute = 0, int second = 0) =>
        Domain.Calendar.LondonTime.At(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(hour, minute, second));

    /// <summary>The first instant after a deadline on <paramref name="date"/>: when it is missed.</summary>
    public static DateTimeOffset MissedAt(string date) => Domain.Calendar.LondonTime.EndOfDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).AddSeconds(1);

    public static JsonElement Deadline(JsonElement resource, string name) =>
        resource.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);

    public static IReadOnlyList<(DateTimeOffset At, string Type, string Detail)> Timeline(JsonElement resource) =>
        [.. resource.GetProperty("timeline").EnumerateArray().Select(t => (t.GetProperty("at").GetDateTimeOffset(), t.GetProperty("type").GetString()!, t.GetProperty("detail").GetString()!))];

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
    }
}
