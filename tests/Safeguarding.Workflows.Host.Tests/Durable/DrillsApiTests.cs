using System.Net;
using System.Net.Http.Json;

namespace Safeguarding.Workflows.Host.Tests.Durable;

public sealed class DrillsApiTests
{
    [Fact]
    public async Task Starting_a_drill_is_idempotent_by_id()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        var body = new { steps = new[] { new { name = "one", dueAt = DateTimeOffset.Parse("2026-02-01T09:00:00Z") } } };

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync("/api/partnerships/solihull/drills/d1", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync("/api/partnerships/solihull/drills/d1", body)).StatusCode);
        var drill = await new DrillClient(client, "solihull").GetAsync("d1");
        Assert.Equal("one", Assert.Single(drill.Steps).Name);
        Assert.Equal(["started"], drill.TimelineTypes);
    }

    [Theory]
    [InlineData("/api/partnerships/solihull/drills/Bad_Id", """{"steps":[]}""", "id")]
    [InlineData("/api/partnerships/solihull/drills/d2", """{"steps":[{"name":"x"}]}""", "steps[0]")]
    [InlineData("/api/partnerships/solihull/drills/d2", """{"deadlines":[{"name":"../etc","dueAt":"2026-02-01T09:00:00Z"}]}""", "deadlines[0]")]
    [InlineData("/api/partnerships/solihull/drills/d2", """{"steps":[{"name":"x","dueAt":"tomorrow"}]}""", "steps[0].dueAt")]
    public async Task Bad_drills_are_refused_naming_the_field(string url, string body, string field)
    {
        await using var factory = new ServiceFactory();
        var response = await factory.CreateClient().PutAsync(url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Drills_do_not_exist_unless_enabled()
    {
        await using var factory = new ServiceFactory(new Dictionary<string, string?> { ["Diagnostics:EnableDrills"] = "false" });
        var response = await factory.CreateClient().GetAsync("/api/partnerships/solihull/drills/d1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
