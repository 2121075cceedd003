using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Safeguarding.Workflows.Host.Tests.AnnualReports.AnnualReportClient;

namespace Safeguarding.Workflows.Host.Tests.AnnualReports;

/// <summary>
/// The annual report endpoints' refusals: each names the field or the state, and changes nothing. One host for the
/// class; tests that change a report use a partnership of their own.
/// </summary>
public sealed class AnnualReportsApiTests(AnnualReportsApiTests.Service fixture) : IClassFixture<AnnualReportsApiTests.Service>
{
    private readonly HttpClient client = fixture.Client;
    private readonly AnnualReportClient report = fixture.Warwickshire;

    /// <summary>The host, with Warwickshire's 2025-26 report opened on 5 May 2026.</summary>
    public sealed class Service : IAsyncLifetime
    {
        private readonly ServiceFactory factory = new(new Dictionary<string, string?>
        {
            ["Clock:SimulatedStart"] = "2026-05-05T08:00:00+00:00",
            ["AnnualReports:MaxSectionCharacters"] = "2000",
        });

        public HttpClient Client { get; private set; } = null!;

        public AnnualReportClient Warwickshire { get; private set; } = null!;

        public async Task<AnnualReportClient> OpenAsync(string partnershipId)
        {
            var opened = new AnnualReportClient(Client, partnershipId);
            Assert.Equal(HttpStatusCode.Created, (await opened.OpenAsync()).StatusCode);
            return opened;
        }

        public async Task InitializeAsync()
        {
            Client = factory.CreateClient();
            Warwickshire = await OpenAsync("warwickshire");
        }

        public async Task DisposeAsync() => await factory.DisposeAsync();
    }

    [Theory]
    [InlineData("2025-27")]
    [InlineData("2025")]
    [InlineData("twenty-five")]
    public async Task A_year_that_is_not_a_reporting_year_is_refused_naming_the_year(string year)
    {
        var response = await client.PutAsJsonAsync($"/api/partnerships/warwickshire/annual-reports/{year}", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("year", out _));
    }

    [Fact]
    public async Task Unknown_partnerships_and_reports_are_not_found()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync("/api/partnerships/atlantis/annual-reports/2025-26", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/partnerships/warwickshire/annual-reports/2024-25")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await new AnnualReportClient(client, "warwickshire", "2024-25").SendSectionAsync(1, "Text")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/partnerships/warwickshire/annual-reports/2024-25/compile", null)).StatusCode);
    }

    [Fact]
    public async Task The_report_is_listed_with_the_other_processes()
    {
        var list = await client.GetFromJsonAsync<List<JsonObject>>("/api/partnerships/warwickshire/processes?kind=annual-report");
        var item = Assert.Single(list!);
        Assert.Equal("2025-26", (string?)item["id"]);
        Assert.Equal("Annual report 2025-26", (string?)item["title"]);
        Assert.Equal("contributions", (string?)item["nextDeadline"]!["name"]);
    }

    [Fact]
    public async Task Section_16_does_not_exist_without_a_secure_establishment() =>
        Assert.Equal(HttpStatusCode.NotFound, (await report.SendSectionAsync(16, "Restraint")).StatusCode);

    [Theory]
    [InlineData("""{"text":"","contributor":{"name":"A","email":"a@b.org","agency":"X"}}""", "text")]
    [InlineData("""{"text":"Some text"}""", "contributor")]
    [InlineData("""{"text":"Some text","contributor":{"name":" ","email":"a@b.org","agency":"X"}}""", "contributor.name")]
    [InlineData("""{"text":"Some text","contributor":{"name":"A","email":"not an address","agency":"X"}}""", "contributor.email")]
    [InlineData("""{"text":"Some text","contributor":{"name":"A","email":"a@b.org"}}""", "contributor.agency")]
    [InlineData("""{"text":42,"contributor":{"name":"A","email":"a@b.org","agency":"X"}}""", "text")]
    public async Task A_bad_section_is_refused_naming_the_field(string body, string field)
    {
        var response = await client.PutAsync($"{report.Path}/sections/3", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("awaited", (string?)Section(await report.GetAsync(), 3)["status"]);
    }

    [Fact]
    public async Task An_image_without_a_description_is_refused_asking_for_one()
    {
        var response = await report.SendSectionAsync(3, "Referrals rose.\n\n![](https://www.example.org/referrals.png)\n\n![A chart](https://www.example.org/chart.png)");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await ProblemAsync(response)).GetProperty("errors").GetProperty("text")[0].GetString();
        Assert.Contains("Describe every image", message, StringComparison.Ordinal);
        Assert.Contains("https://www.example.org/referrals.png", message, StringComparison.Ordinal);
        Assert.DoesNotContain("chart.png", message, StringComparison.Ordinal);
        Assert.Equal("awaited", (string?)Section(await report.GetAsync(), 3)["status"]);
    }

    [Fact]
    public async Task A_section_over_the_size_limit_is_too_large()
    {
        var response = await report.SendSectionAsync(3, new string('x', 2001));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty("text", out _));
    }

    [Fact]
    public async Task The_same_section_twice_is_recorded_once()
    {
        (await report.SendSectionAsync(4, "Themes.")).EnsureSuccessStatusCode();
        var again = await report.SendSectionAsync(4, "Themes.");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (int)Section(body, 4)["received"]!["version"]!);
        Assert.Single(Entries(body, "contribution-received"));
        Assert.Empty(Entries(body, "contribution-replaced"));
    }

    [Fact]
    public async Task Compiling_without_the_mandatory_sections_is_refused_listing_them()
    {
        var report = await fixture.OpenAsync("solihull");
        (await report.SendSectionAsync(2, "Effective.")).EnsureSuccessStatusCode();
        var response = await report.CompileAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal([1], problem.GetProperty("missingSections").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{report.Path}/documents/annual-report.html")).StatusCode);
    }

    [Fact]
    public async Task Each_compilation_is_a_new_version_and_the_latest_is_served()
    {
        var report = await fixture.OpenAsync("east-sussex");
        (await report.SendSectionAsync(1, "First draft.")).EnsureSuccessStatusCode();
        (await report.SendSectionAsync(2, "Effective.")).EnsureSuccessStatusCode();
        (await report.CompileAsync()).EnsureSuccessStatusCode();
        (await report.SendSectionAsync(1, "Second draft.")).EnsureSuccessStatusCode();
        var second = (await (await report.CompileAsync()).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(2, (int)second["compilation"]!);
        Assert.Equal(2, (int)second["htmlVersion"]!);
        var latest = await client.GetStringAsync($"{report.Path}/documents/annual-report.html");
        Assert.Contains("Second draft.", latest, StringComparison.Ordinal);
        var first = await client.GetStringAsync($"{report.Path}/documents/annual-report.html?version=1");
        Assert.Contains("First draft.", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{report.Path}/documents/section-01.md")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{report.Path}/documents/annual-report.html?version=9")).StatusCode);
    }

    [Fact]
    public async Task Compiling_with_timeliness_false_leaves_the_appendix_tables_out()
    {
        var report = await fixture.OpenAsync("brighton-and-hove");
        (await report.SendSectionAsync(1, "What was done.")).EnsureSuccessStatusCode();
        (await report.SendSectionAsync(2, "Effective.")).EnsureSuccessStatusCode();

        var wrongType = await client.PostAsync($"{report.Path}/compile", new StringContent("""{"timeliness":"no"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.True((await ProblemAsync(wrongType)).GetProperty("errors").TryGetProperty("timeliness", out _));
        Assert.Null((await report.GetAsync())["compiled"]);

        (await client.PostAsJsonAsync($"{report.Path}/compile", new { timeliness = false })).EnsureSuccessStatusCode();
        var without = await client.GetStringAsync($"{report.Path}/documents/annual-report.html");
        (await report.CompileAsync()).EnsureSuccessStatusCode(); // no body: with the tables, as before
        var with = await client.GetStringAsync($"{report.Path}/documents/annual-report.html");

        Assert.Contains("Appendix: figures from the service", without, StringComparison.Ordinal);
        Assert.DoesNotContain("Timeliness of deadlines", without, StringComparison.Ordinal);
        Assert.DoesNotContain("What agencies were asked to send", without, StringComparison.Ordinal);
        Assert.DoesNotContain("Attendance at partnership meetings", without, StringComparison.Ordinal);
        Assert.Contains("Timeliness of deadlines", with, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"drafted","on":"2026-05-01","url":"https://example.org/r"}""", "type")]
    [InlineData("""{"type":"published","on":"1 May 2026","url":"https://example.org/r"}""", "on")]
    [InlineData("""{"type":"published","on":"2026-05-06","url":"https://example.org/r"}""", "on")] // tomorrow
    [InlineData("""{"type":"published","on":"2026-03-31","url":"https://example.org/r"}""", "on")] // before the year ended
    [InlineData("""{"type":"published","on":"2026-05-01","url":"http://example.org/r"}""", "url")]
    [InlineData("""{"type":"published","on":"2026-05-01","url":"/annual-report"}""", "url")]
    [InlineData("""{"type":"published","on":"2026-05-01"}""", "url")]
    public async Task A_bad_publication_is_refused_naming_the_field(string body, string field)
    {
        var response = await report.PostEventAsync(JsonDocument.Parse(body).RootElement);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ProblemAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal("open", (string?)(await report.GetAsync())["status"]);
    }

    [Fact]
    public async Task A_cancelled_report_takes_no_more_sections_or_publication()
    {
        var report = await fixture.OpenAsync("west-sussex");
        (await client.PostAsJsonAsync($"{report.Path}/cancel", new { reason = "Joint report with Coventry instead" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Conflict, (await report.SendSectionAsync(1, "Text")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await report.CompileAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await report.PublishAsync("2026-05-01", "https://example.org/r")).StatusCode);
        var cancelled = await report.GetAsync();
        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.All(cancelled["deadlines"]!.AsArray(), d => Assert.Equal("waived", (string?)d!["state"]));
        Assert.Equal(HttpStatusCode.OK, (await report.OpenAsync()).StatusCode); // still there, as it is
    }
}
