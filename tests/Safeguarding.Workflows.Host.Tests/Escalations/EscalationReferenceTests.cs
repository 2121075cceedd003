using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Storage.Processes;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>Readable references: one number per escalation raised, per partnership and year, whatever arrives at once.</summary>
public sealed class EscalationReferenceTests
{
    [Fact]
    public async Task Escalations_raised_at_once_get_distinct_numbers_and_repeats_or_refusals_take_none()
    {
        await using var api = new EscalationApi(new ServiceFactory());

        var raised = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => api.PutOk($"esc-ref-{i}", Raise())));
        Assert.Equal(["ESC-2026-001", "ESC-2026-002", "ESC-2026-003", "ESC-2026-004", "ESC-2026-005", "ESC-2026-006"], raised.Select(r => r.GetProperty("reference").GetString()).Order());

        // The same request again, a different one for the same id and a bad one: no number is used up.
        Assert.Equal(HttpStatusCode.OK, (await api.Put("esc-ref-1", Raise())).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.Put("esc-ref-1", Raise(immediateRisk: true))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Put("esc-ref-future", Raise(raisedOn: "2099-01-05"))).StatusCode);
        Assert.Equal("ESC-2026-007", (await api.PutOk("esc-ref-7", Raise())).GetProperty("reference").GetString());

        // A new year starts again at 1.
        Assert.Equal("ESC-2025-001", (await api.PutOk("esc-ref-2025", Raise(raisedOn: "2025-12-31"))).GetProperty("reference").GetString());

        // Emails carry the reference, and the page link keeps the id.
        var listed = await api.Client.GetFromJsonAsync<JsonElement>($"/api/partnerships/{Partnership}/processes?kind=escalation");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("title").GetString() == "Escalation ESC-2026-007");
    }

    [Fact]
    public void An_escalation_saved_before_references_still_reads_and_goes_by_its_id()
    {
        var key = new Domain.Processes.ProcessKey("staffordshire", Domain.Processes.ProcessKinds.Escalation, "esc-20270217-cf1fd4");
        var stored = JsonSerializer.SerializeToNode(Fixture(key), StateJson.Options)!.AsObject();
        stored.Remove("reference");

        var read = stored.Deserialize<Escalation>(StateJson.Options)!;

        Assert.Null(read.Reference);
        Assert.Equal("esc-20270217-cf1fd4", read.ShownReference);
        Assert.Equal("Escalation esc-20270217-cf1fd4", read.Title);
    }

    private static Escalation Fixture(Domain.Processes.ProcessKey key)
    {
        var partnership = Domain.Partnerships.PartnershipFile.Parse("staffordshire.json", File.ReadAllText(System.IO.Path.Combine(RepositoryRoot(), "config", "partnerships", "staffordshire.json")));
        var request = new EscalationRequest(new DateOnly(2027, 2, 17), new Party("A", "N", "a@example.org"), new Party("B", "M", "b@example.org"), "s", false);
        return Escalation.Raise(key, request, partnership, Domain.Calendar.StatutoryCalendar.EnglandAndWales, EscalationPolicy.Default, "x", new DateTimeOffset(2027, 2, 17, 12, 0, 0, TimeSpan.Zero)).Transition!.State;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Safeguarding.Workflows.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
