using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>The HTTP contract: idempotent creation, 400 naming the field, 404 and 409.</summary>
public sealed class EscalationsApiTests
{
    [Fact]
    public async Task Raising_is_idempotent_by_id_and_a_different_body_is_a_conflict()
    {
        await using var api = new EscalationApi(new ServiceFactory());

        var created = await api.Put("esc-1", Raise());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(Path("esc-1"), created.Headers.Location?.ToString());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("esc-1", "escalation", "staffordshire", "open"), (body.GetProperty("id").GetString(), body.GetProperty("kind").GetString(), body.GetProperty("partnershipId").GetString(), body.GetProperty("status").GetString()));
        Assert.Equal("Staffordshire Police", body.GetProperty("concerning").GetProperty("agency").GetString());

        var same = await api.Put("esc-1", Raise());
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(1, (await same.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeline").GetArrayLength());

        await Problem(await api.Put("esc-1", Raise(immediateRisk: true)), HttpStatusCode.Conflict);
        Assert.False((await api.Get("esc-1")).GetProperty("immediateRisk").GetBoolean());

        var listed = await api.Client.GetFromJsonAsync<JsonElement>($"/api/partnerships/{Partnership}/processes?kind=escalation");
        var item = Assert.Single(listed.EnumerateArray());
        Assert.Equal("Escalation ESC-2026-001", item.GetProperty("title").GetString());
        Assert.Equal("ESC-2026-001", body.GetProperty("reference").GetString());
        Assert.Equal("stage-1", item.GetProperty("nextDeadline").GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"raisedBy":{"agency":"A","name":"N","email":"a@example.org"},"concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":"s"}""", "raisedOn")]
    [InlineData("""{"raisedOn":"05/01/2026","raisedBy":{"agency":"A","name":"N","email":"a@example.org"},"concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":"s"}""", "raisedOn")]
    [InlineData("""{"raisedOn":"2026-01-06","raisedBy":{"agency":"A","name":"N","email":"a@example.org"},"concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":"s"}""", "raisedOn")]
    [InlineData("""{"raisedOn":"2026-01-05","concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":"s"}""", "raisedBy")]
    [InlineData("""{"raisedOn":"2026-01-05","raisedBy":{"agency":"A","name":"N"},"concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":"s"}""", "raisedBy.email")]
    [InlineData("""{"raisedOn":"2026-01-05","raisedBy":{"agency":"A","name":"N","email":"a@example.org"},"concerning":{"name":"M","email":"b@example.org"},"summary":"s"}""", "concerning.agency")]
    [InlineData("""{"raisedOn":"2026-01-05","raisedBy":{"agency":"A","name":"N","email":"a@example.org"},"concerning":{"agency":"B","name":"M","email":"b@example.org"},"summary":" "}""", "summary")]
    public async Task Bad_input_is_refused_naming_the_field_and_creates_nothing(string body, string field)
    {
        await using var api = new EscalationApi(new ServiceFactory());

        var response = await api.Client.PutAsync(Path("esc-bad"), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await Problem(await api.Client.GetAsync(Path("esc-bad")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Events_are_checked_and_unknown_or_cancelled_escalations_are_refused()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await Problem(await api.Put("bad_id", Raise()), HttpStatusCode.BadRequest);
        await Problem(await api.Client.PutAsJsonAsync("/api/partnerships/nowhere/escalations/esc-1", Raise()), HttpStatusCode.NotFound);
        await Problem(await api.Event("esc-missing", new { type = "responded", on = "2026-01-05" }), HttpStatusCode.NotFound);
        await api.PutOk("esc-2", Raise());

        await AssertField(api.Event("esc-2", new { type = "closed", on = "2026-01-05" }), "type");
        await AssertField(api.Event("esc-2", new { type = "responded" }), "on");
        await AssertField(api.Event("esc-2", new { type = "responded", on = "2026-01-06" }), "on"); // in the future
        await AssertField(api.Event("esc-2", new { type = "resolved", on = "2026-01-05" }), "outcome");
        await AssertField(api.Event("esc-2", new { type = "secretary-of-state-referral", on = "2026-01-05", decision = "maybe" }), "decision");
        await AssertField(api.Event("esc-2", new { type = "escalated", on = "2026-01-05", stage = 1 }), "stage");
        await Problem(await api.Event("esc-2", new { type = "escalated", on = "2026-01-05", stage = 3 }), HttpStatusCode.Conflict);
        await Problem(await api.Event("esc-2", new { type = "secretary-of-state-referral", on = "2026-01-05", decision = "refer" }), HttpStatusCode.Conflict);

        var responded = await api.EventOk("esc-2", new { type = "responded", on = "2026-01-05", by = new { agency = "Staffordshire Police", name = "Pat" }, note = "Looking into it." });
        Assert.Equal("Staffordshire Police", responded.GetProperty("responses")[0].GetProperty("agency").GetString());
        Assert.Equal("responded", responded.GetProperty("timeline").EnumerateArray().Last().GetProperty("type").GetString());

        var cancelled = await api.Client.PostAsJsonAsync(Path("esc-2", "/cancel"), new { reason = "Raised in error" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var escalation = await api.Get("esc-2");
        Assert.Equal("cancelled", escalation.GetProperty("status").GetString());
        Assert.Equal([("stage-1", "2026-01-12", "waived")], Deadlines(escalation));
        await Problem(await api.Event("esc-2", new { type = "resolved", on = "2026-01-05", outcome = "Agreed" }), HttpStatusCode.Conflict);

        await api.ClockTo("2026-02-01T12:00:00Z");
        Assert.Empty(Times(await api.Get("esc-2"), "reminder-sent")); // cancelled: nothing more happens
    }

    private static async Task AssertField(Task<HttpResponseMessage> request, string field)
    {
        var problem = await Problem(await request, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}
