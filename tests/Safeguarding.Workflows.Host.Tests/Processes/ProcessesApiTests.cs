using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Safeguarding.Workflows.Host.Tests.Durable;

namespace Safeguarding.Workflows.Host.Tests.Processes;

/// <summary>The generic process endpoints — listing, history, cancel — over the test-only drill kind, against Azurite.</summary>
public sealed class ProcessesApiTests : IAsyncLifetime
{
    private readonly ServiceFactory factory = new();
    private HttpClient client = null!;
    private DateTimeOffset start;

    public async Task InitializeAsync()
    {
        client = factory.CreateClient();
        start = (await client.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        var drills = new DrillClient(client);
        await drills.StartAsync("a", [], [("report-due", start.AddDays(1))]);
        await drills.StartAsync("b", [("later", start.AddDays(60))], [("plan-due", start.AddDays(20))]);
        await drills.StartAsync("c", []);
        await new DrillClient(client, "solihull").StartAsync("elsewhere", []);
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P3D" })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Lists_a_partnerships_processes_with_their_next_deadline_and_overdue_count()
    {
        var items = await List("/api/partnerships/staffordshire/processes");

        Assert.Equal(["a", "b", "c"], items.Select(i => i.GetProperty("id").GetString()).Order());
        var b = items.Single(i => i.GetProperty("id").GetString() == "b");
        Assert.Equal("drill", b.GetProperty("kind").GetString());
        Assert.Equal("open", b.GetProperty("status").GetString());
        Assert.Equal("plan-due", b.GetProperty("nextDeadline").GetProperty("name").GetString());
        var a = items.Single(i => i.GetProperty("id").GetString() == "a");
        Assert.Equal(1, a.GetProperty("overdueCount").GetInt32());
    }

    [Fact]
    public async Task Filters_by_overdue_status_kind_and_due_date()
    {
        Assert.Equal(["a"], (await List("/api/partnerships/staffordshire/processes?overdue=true")).Select(Id));
        Assert.Equal(3, (await List("/api/partnerships/staffordshire/processes?status=open&kind=drill")).Count);
        Assert.Empty(await List("/api/partnerships/staffordshire/processes?status=cancelled"));
        var dueBefore = DateOnly.FromDateTime(start.AddDays(30).UtcDateTime).ToString("yyyy-MM-dd");
        Assert.Equal(["b"], (await List($"/api/partnerships/staffordshire/processes?dueBefore={dueBefore}")).Select(Id));
    }

    [Fact]
    public async Task Pages_with_a_continuation_token()
    {
        var seen = new List<string>();
        string? token = null;
        do
        {
            var url = "/api/partnerships/staffordshire/processes?top=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            var response = await client.GetAsync(url);
            response.EnsureSuccessStatusCode();
            seen.AddRange((await response.Content.ReadFromJsonAsync<List<JsonElement>>())!.Select(Id));
            token = response.Headers.TryGetValues("x-continuation-token", out var values) ? values.Single() : null;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "c"], seen.Order());
    }

    [Theory]
    [InlineData("status=finished", "status")]
    [InlineData("overdue=maybe", "overdue")]
    [InlineData("dueBefore=31/12/2026", "dueBefore")]
    [InlineData("top=0", "top")]
    [InlineData("top=5000", "top")]
    [InlineData("kind=unicorn", "kind")]
    [InlineData("continuationToken=not-a-token", "continuationToken")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string query, string parameter)
    {
        var response = await client.GetAsync($"/api/partnerships/staffordshire/processes?{query}");
        await AssertProblem(response, HttpStatusCode.BadRequest, parameter);
    }

    [Fact]
    public async Task An_unknown_partnership_is_a_404_problem()
    {
        await AssertProblem(await client.GetAsync("/api/partnerships/atlantis/processes"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_is_the_audit_log_in_order()
    {
        var history = await client.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/drills/a/history");
        Assert.NotNull(history);
        Assert.Equal(["started", "deadline-missed"], history.Select(h => h.GetProperty("type").GetString()));
        Assert.Equal("report-due", history[1].GetProperty("detail").GetString());
        Assert.Equal("system", history[1].GetProperty("actor").GetString());

        await AssertProblem(await client.GetAsync("/api/partnerships/staffordshire/drills/zzz/history"), HttpStatusCode.NotFound);
        await AssertProblem(await client.GetAsync("/api/partnerships/staffordshire/unicorns/a/history"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Cancel_stops_the_process_once_and_is_recorded()
    {
        var cancelled = await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/b/cancel", new { reason = "Meeting no longer needed" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        var again = await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/b/cancel", new { reason = "again" });
        await AssertProblem(again, HttpStatusCode.Conflict);

        var history = await client.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/drills/b/history");
        var last = history!.Last();
        Assert.Equal("cancelled", last.GetProperty("type").GetString());
        Assert.Equal("local-user", last.GetProperty("actor").GetString());
        Assert.Equal(["b"], (await List("/api/partnerships/staffordshire/processes?status=cancelled")).Select(Id));

        // Nothing fires for a cancelled process, however far the clock moves.
        (await client.PostAsJsonAsync("/api/dev/clock", new { advanceBy = "P90D" })).EnsureSuccessStatusCode();
        Assert.DoesNotContain("step-done", (await new DrillClient(client).GetAsync("b")).TimelineTypes);
    }

    [Fact]
    public async Task Bad_cancel_requests_change_nothing()
    {
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/c/cancel", new { reason = "" }), HttpStatusCode.BadRequest, "reason");
        var malformed = await client.PostAsync("/api/partnerships/staffordshire/drills/c/cancel", new StringContent("{\"reason\": 42}", Encoding.UTF8, "application/json"));
        await AssertProblem(malformed, HttpStatusCode.BadRequest, "reason");
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/staffordshire/drills/nope/cancel", new { reason = "x" }), HttpStatusCode.NotFound);
        await AssertProblem(await client.PostAsJsonAsync("/api/partnerships/atlantis/drills/c/cancel", new { reason = "x" }), HttpStatusCode.NotFound);
        Assert.Equal("open", (await new DrillClient(client).GetAsync("c")).Status);
    }

    private async Task<List<JsonElement>> List(string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>())!;
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem should name '{field}': {problem}");
        }
    }
}
