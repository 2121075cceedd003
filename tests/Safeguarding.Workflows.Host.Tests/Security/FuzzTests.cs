using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Safeguarding.Workflows.Host.Tests.Durable;
using Xunit.Abstractions;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// Over a thousand malformed or hostile requests across every JSON endpoint in the app's endpoint table, sent by a
/// business-unit user to real processes: none may fail with a 5xx, each refusal must be a problem document, and
/// nothing may change.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20260105;
    private const int MinimumRequests = 1000;

    private readonly ServiceFactory factory = new(new Dictionary<string, string?>
    {
        ["Security:RateLimit:RequestsPerSecond"] = "1000000",
        ["Security:RateLimit:Burst"] = "1000000",
    });

    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        var now = (await client.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        var drills = new DrillClient(client);
        await drills.StartAsync("a", [("later", now.AddDays(3))], [("report-due", now.AddDays(1))]);
        await drills.StartAsync("b", []);
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Hostile_payloads_get_4xx_problems_and_change_nothing()
    {
        var endpoints = EndpointCase.Of(factory.Services).Where(e => e.HasBody && e.AcceptsJson).ToList();
        Assert.Contains(endpoints, e => e.Pattern.EndsWith("/cancel", StringComparison.Ordinal));
        var routeValues = new Dictionary<string, string> { ["kindPlural"] = "drills", ["id"] = "a" };
        var payloads = new HostilePayloads(new Random(Seed));
        var requests = endpoints.SelectMany(e => payloads.For(e, routeValues, "staffordshire")).ToList();
        for (var i = 0; requests.Count < MinimumRequests + 100; i++)
        {
            requests.Add(payloads.Random(endpoints[i % endpoints.Count], routeValues, "staffordshire"));
        }

        var before = await Snapshot();
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var hostile in requests)
        {
            var response = await Send(hostile);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500 || status < 400)
            {
                failures.Add($"{status} for {hostile.Description} at {Short(hostile.Url)}: {Short(await response.Content.ReadAsStringAsync())}");
            }
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                failures.Add($"{status} without a problem document for {hostile.Description} at {Short(hostile.Url)}");
            }
        }

        clock.Stop();
        output.WriteLine($"{requests.Count} requests over {endpoints.Count} JSON endpoints in {clock.Elapsed.TotalSeconds:F1} s: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count} hostile requests were not refused properly:\n" + string.Join("\n", failures.Take(50)));
        Assert.True(requests.Count >= MinimumRequests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(before, await Snapshot());
    }

    private Task<HttpResponseMessage> Send(HostileRequest hostile)
    {
        var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Url);
        HttpContent content = hostile.Chunked ? new InputLimitsTests.UnsizedContent(hostile.Body, hostile.ContentType ?? "application/json") : new ByteArrayContent(hostile.Body);
        if (!hostile.Chunked && hostile.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
        }

        request.Content = content;
        return client.SendAsync(request);
    }

    private async Task<string> Snapshot()
    {
        var list = await client.GetStringAsync("/api/partnerships/staffordshire/processes");
        var historyA = await client.GetStringAsync("/api/partnerships/staffordshire/drills/a/history");
        var historyB = await client.GetStringAsync("/api/partnerships/staffordshire/drills/b/history");
        var drillA = await client.GetStringAsync("/api/partnerships/staffordshire/drills/a");
        var now = await client.GetStringAsync("/api/dev/clock");
        return string.Join("\n", list, historyA, historyB, drillA, now);
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
