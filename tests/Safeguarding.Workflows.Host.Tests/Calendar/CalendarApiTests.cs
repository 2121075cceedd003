using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Safeguarding.Workflows.Host.Tests.Calendar;

/// <summary>The calendar endpoints read no state, so the tests share one service (a host start each made the class the suite's slowest).</summary>
public sealed class CalendarApiTests(CalendarApiTests.SharedService shared) : IClassFixture<CalendarApiTests.SharedService>
{
    public sealed class SharedService : IAsyncLifetime
    {
        public ServiceFactory Factory { get; } = new();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public async Task Working_days_skip_christmas_and_the_boxing_day_substitute()
    {
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync("/api/calendar/working-days?from=2026-12-24&add=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"date":"2026-12-29"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("2026-12-29", "-1", "2026-12-24")]
    [InlineData("2026-04-02", "1", "2026-04-07")]
    [InlineData("2026-01-03", "0", "2026-01-03")]
    [InlineData("2023-05-05", "+1", "2023-05-09")]
    [InlineData("2026-06-01", "15", "2026-06-22")]
    public async Task Working_days_in_both_directions(string from, string add, string expected)
    {
        var factory = shared.Factory;
        var answer = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/calendar/working-days?from={from}&add={Uri.EscapeDataString(add)}");

        Assert.Equal(expected, answer.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Bank_holidays_of_2026()
    {
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync("/api/calendar/bank-holidays?year=2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """["2026-01-01","2026-04-03","2026-04-06","2026-05-04","2026-05-25","2026-08-31","2026-12-25","2026-12-28"]""",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/calendar/bank-holidays", "year")]
    [InlineData("/api/calendar/bank-holidays?year=", "year")]
    [InlineData("/api/calendar/bank-holidays?year=1899", "year")]
    [InlineData("/api/calendar/working-days?from=1978-01-03&add=-5", "add")]
    [InlineData("/api/calendar/bank-holidays?year=2201", "year")]
    [InlineData("/api/calendar/bank-holidays?year=twenty", "year")]
    [InlineData("/api/calendar/bank-holidays?year=-2026", "year")]
    [InlineData("/api/calendar/working-days?add=1", "from")]
    [InlineData("/api/calendar/working-days?from=2026-02-30&add=1", "from")]
    [InlineData("/api/calendar/working-days?from=24/12/2026&add=1", "from")]
    [InlineData("/api/calendar/working-days?from=1899-12-29&add=1", "from")]
    [InlineData("/api/calendar/working-days?from=2026-12-24", "add")]
    [InlineData("/api/calendar/working-days?from=2026-12-24&add=1001", "add")]
    [InlineData("/api/calendar/working-days?from=2026-12-24&add=-1001", "add")]
    [InlineData("/api/calendar/working-days?from=2026-12-24&add=1.5", "add")]
    [InlineData("/api/calendar/working-days?from=2026-12-24&add=99999999999", "add")]
    [InlineData("/api/calendar/working-days?from=2026-12-24&add=1&partnership=", "partnership")]
    public async Task Bad_input_is_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"errors should name '{parameter}': {errors}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Theory]
    [InlineData("1977")]
    [InlineData("1900")]
    public async Task Years_before_the_known_rules_are_a_problem_naming_the_year_and_the_range(string year)
    {
        // 1977 had a Silver Jubilee holiday and no early May one: today's rules would answer it wrongly.
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync($"/api/calendar/bank-holidays?year={year}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("year")[0].GetString();
        Assert.Contains("1978 to 2200", message);
    }

    [Fact]
    public async Task The_first_known_year_is_answered()
    {
        var factory = shared.Factory;
        var holidays = await factory.CreateClient().GetFromJsonAsync<string[]>("/api/calendar/bank-holidays?year=1978");

        Assert.Equal(["1978-01-02", "1978-03-24", "1978-03-27", "1978-05-01", "1978-05-29", "1978-08-28", "1978-12-25", "1978-12-26"], holidays!);
    }

    [Theory]
    [InlineData("2026-01-03")] // a Saturday
    [InlineData("2026-12-25")] // Christmas Day
    public async Task Adding_zero_working_days_to_a_non_working_day_is_that_day(string from)
    {
        // Day 0 of a clock is the day of its event, working or not; the count starts on the next working day.
        var factory = shared.Factory;
        var client = factory.CreateClient();

        var zero = await client.GetFromJsonAsync<JsonElement>($"/api/calendar/working-days?from={from}&add=0");
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/calendar/working-days?from={from}&add=1");

        Assert.Equal(from, zero.GetProperty("date").GetString());
        Assert.NotEqual(from, one.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Both_missing_parameters_are_named()
    {
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync("/api/calendar/working-days");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("add", out _));
    }

    [Fact]
    public async Task An_unknown_partnership_is_a_404_problem()
    {
        var factory = shared.Factory;
        var response = await factory.CreateClient().GetAsync("/api/calendar/working-days?from=2026-12-24&add=1&partnership=atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_partnerships_closure_days_are_not_working_days()
    {
        using var folder = new TestConfigFolder();
        folder.WritePartnership("staffordshire", json => json["closureDays"] = new System.Text.Json.Nodes.JsonArray("2026-12-29", "2026-12-30"));
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Partnerships:Folder"] = folder.Path });
        var client = factory.CreateClient();

        var withClosures = await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2026-12-24&add=1&partnership=staffordshire");
        var national = await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2026-12-24&add=1");

        Assert.Equal("2026-12-31", withClosures.GetProperty("date").GetString());
        Assert.Equal("2026-12-29", national.GetProperty("date").GetString());
    }

    [Fact]
    public async Task Announced_bank_holidays_from_the_configured_file_count()
    {
        using var folder = new TestConfigFolder();
        var file = folder.WriteFile("announced.json", """
            {"england-and-wales": {"division": "england-and-wales", "events": [
              {"title": "Extra bank holiday", "date": "2028-06-05", "notes": "", "bunting": true}]}}
            """);
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Calendar:BankHolidaysFile"] = file });
        var client = factory.CreateClient();

        var holidays = await client.GetFromJsonAsync<string[]>("/api/calendar/bank-holidays?year=2028");
        var next = await client.GetFromJsonAsync<JsonElement>("/api/calendar/working-days?from=2028-06-02&add=1");

        Assert.Contains("2028-06-05", holidays!);
        Assert.Equal(9, holidays!.Length);
        Assert.Equal("2028-06-06", next.GetProperty("date").GetString());
    }
}
