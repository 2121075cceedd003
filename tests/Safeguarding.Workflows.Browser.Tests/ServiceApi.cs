using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Browser.Tests;

/// <summary>The JSON API on the same host the browser uses: to set processes up and to check what a form did.</summary>
public sealed class ServiceApi(BrowserService service) : IDisposable
{
    private readonly HttpClient client = service.Api();

    public async Task<DateTimeOffset> NowAsync() =>
        (await client.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();

    public async Task<DateOnly> TodayAsync() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(await NowAsync(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    /// <summary>Moves the simulated clock to <paramref name="instant"/> unless it is already later (it never goes back).</summary>
    public async Task AtLeastAsync(DateTimeOffset instant)
    {
        if (await NowAsync() < instant)
        {
            (await client.PostAsJsonAsync("/api/dev/clock", new { setTo = instant })).EnsureSuccessStatusCode();
        }
    }

    public async Task AdvanceAsync(string duration) =>
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = duration })).EnsureSuccessStatusCode();

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<int> StatusOfAsync(string path) => (int)(await client.GetAsync(path)).StatusCode;

    public async Task<JsonElement> PutAsync(string path, object body)
    {
        var response = await client.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// The link starting <paramref name="path"/> in an email the process sent (the Outbox provider keeps what it
    /// "sent"); waits for delivery, which runs in the background.
    /// </summary>
    public async Task<string> LinkInEmailAsync(string processId, string path)
    {
        var pattern = new Regex(Regex.Escape(service.BaseAddress.ToString().TrimEnd('/') + path) + @"[^\s""'<>)]*");
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var emails = await client.GetFromJsonAsync<JsonElement>($"/api/outbox?processId={Uri.EscapeDataString(processId)}");
            foreach (var email in emails.EnumerateArray())
            {
                if (pattern.Match(email.GetProperty("body").GetString() ?? "") is { Success: true } match)
                {
                    return match.Value;
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email about {processId} links to {path}.");
    }

    public void Dispose() => client.Dispose();

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";
}
