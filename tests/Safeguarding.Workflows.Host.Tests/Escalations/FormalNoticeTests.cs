using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Storage.Documents;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>After the last stage: the formal notice, its documents, chasing and the referral decision, through HTTP against Azurite.</summary>
public sealed class FormalNoticeTests
{
    private const string TrainingChange = "Every duty social worker completes the threshold training.";
    private const string AuditChange = "An audit of strategy discussion referrals is shared with the partnership.";

    private static readonly object TwoRequirements = new
    {
        requirements = new[]
        {
            new { id = "r1", change = TrainingChange, dueOn = "2026-03-02" },
            new { id = "r2", change = AuditChange, dueOn = "2026-03-16" },
        },
        consequences = "If the changes are not made, the partners may refer the matter to the Secretary of State.",
    };

    [Fact]
    public async Task A_notice_with_two_requirements_chases_the_overdue_one_and_prompts_the_referral_decision()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-notice", Raise());
        await api.ClockTo("2026-02-16T10:00:00Z"); // the prompt went out on Friday 13 February

        var response = await api.Notice("esc-notice", TwoRequirements);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var notice = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("2026-02-16", "2026-03-02", "2026-03-17"), (notice.GetProperty("servedOn").GetString(), notice.GetProperty("respondBy").GetString(), notice.GetProperty("referralPromptOn").GetString()));
        Assert.Equal("Staffordshire Police", notice.GetProperty("organisation").GetString());
        Assert.Equal(Path("esc-notice", "/documents/formal-notice.docx"), notice.GetProperty("documents").GetProperty("docx").GetString());
        Assert.Equal(Path("esc-notice", "/documents/formal-notice.html"), response.Headers.Location?.ToString());

        var served = await api.Get("esc-notice");
        Assert.Equal("formal-notice-served", served.GetProperty("phase").GetString());
        Assert.Contains(("formal-notice", "2026-02-20", "met"), Deadlines(served));
        Assert.Equal(
            [("notice-response", "2026-03-02", "pending"), ("requirement:r1", "2026-03-02", "pending"), ("requirement:r2", "2026-03-16", "pending")],
            Deadlines(served).Skip(5));

        // The same notice again is a no-op; a different one is refused.
        var repeated = await api.Notice("esc-notice", TwoRequirements);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        await Problem(await api.Notice("esc-notice", new { requirements = new[] { new { id = "r1", change = "Something else", dueOn = "2026-03-02" } }, consequences = "x" }), HttpStatusCode.Conflict);
        var store = api.Factory.Services.GetRequiredService<DocumentStore>();
        Assert.Single(await store.VersionsAsync(new ProcessKey(Partnership, "escalation", "esc-notice"), "formal-notice.docx", CancellationToken.None));

        // r2 is met on time; r1 never is.
        await api.ClockTo("2026-03-10T12:00:00Z");
        await api.EventOk("esc-notice", new { type = "requirement-met", on = "2026-03-10", requirementId = "r2" });
        await api.EventOk("esc-notice", new { type = "responded", on = "2026-03-10", by = new { agency = "Staffordshire Police" } });
        // Not before the partners are asked (the page does not offer it either).
        var early = await Problem(await api.Event("esc-notice", new { type = "secretary-of-state-referral", on = "2026-03-10", decision = "refer" }), HttpStatusCode.Conflict);
        Assert.Contains("on 2026-03-17", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await api.ClockTo("2026-03-18T12:00:00Z");

        var chased = await api.Get("esc-notice");
        var chases = chased.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("type").GetString() == "requirement-chased").ToList();
        Assert.Equal(["2026-03-03T09:00", "2026-03-10T09:00", "2026-03-17T09:00"], Times(chased, "requirement-chased"));
        Assert.All(chases, c => Assert.StartsWith("Requirement r1 ", c.GetProperty("detail").GetString(), StringComparison.Ordinal));
        Assert.Equal(["2026-03-17T09:00"], Times(chased, "referral-prompted"));
        Assert.Contains(("requirement:r1", "2026-03-02", "missed"), Deadlines(chased));
        Assert.Contains(("requirement:r2", "2026-03-16", "met"), Deadlines(chased));
        Assert.Contains(("notice-response", "2026-03-02", "missed"), Deadlines(chased)); // the reply came late
        Assert.Contains(("referral-decision", "2026-03-31", "pending"), Deadlines(chased));

        // The partners' decision is recorded and closes the escalation.
        var decided = await api.EventOk("esc-notice", new { type = "secretary-of-state-referral", on = "2026-03-18", decision = "refer", reason = "No progress on training." });
        Assert.Equal("completed", decided.GetProperty("status").GetString());
        Assert.Equal("refer", decided.GetProperty("referralDecision").GetProperty("decision").GetString());
        Assert.Contains(("referral-decision", "2026-03-31", "met"), Deadlines(decided));
        var history = await api.History("esc-notice");
        Assert.Equal("secretary-of-state-referral", history[^1].Type);

        await api.ClockTo("2026-05-01T12:00:00Z");
        Assert.Equal(history.Count, (await api.History("esc-notice")).Count);
    }

    [Fact]
    public async Task The_notice_downloads_as_accessible_html_and_as_a_valid_word_document()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-docs", Raise());
        foreach (var stage in new[] { 2, 3, 4 })
        {
            await api.EventOk("esc-docs", new { type = "escalated", on = "2026-01-05", stage });
        }

        var notice = await (await api.Notice("esc-docs", TwoRequirements)).Content.ReadFromJsonAsync<JsonElement>();

        var html = await api.Client.GetAsync(notice.GetProperty("documents").GetProperty("html").GetString());
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        var page = NoticeDocumentChecks.AssertAccessibleHtml(await html.Content.ReadAsStringAsync(), "Formal notice to Staffordshire Police");
        var rows = page.QuerySelectorAll("table tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToList()).ToList();
        Assert.Equal([["r1", TrainingChange, "2 March 2026"], ["r2", AuditChange, "16 March 2026"]], rows);
        Assert.Equal(["The issue", "Required changes", "Your response", "Consequences of non-compliance", "What happens next"], page.QuerySelectorAll("h2").Select(h => h.TextContent));
        var facts = page.QuerySelectorAll("dl dt").Zip(page.QuerySelectorAll("dl dd"), (dt, dd) => (dt.TextContent, dd.TextContent)).ToList();
        Assert.Equal(
            [("Issued by", "Staffordshire Safeguarding Children Partnership"), ("To", "Staffordshire Police"), ("Reference", "ESC-2026-001"), ("Date served", "5 January 2026"), ("Response due", "19 January 2026")],
            facts);
        Assert.Contains("threshold for a strategy discussion", page.Body!.TextContent, StringComparison.Ordinal); // the issue is the summary

        var docx = await api.Client.GetAsync(notice.GetProperty("documents").GetProperty("docx").GetString());
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("esc-docs-formal-notice.docx", docx.Content.Headers.ContentDisposition?.FileNameStar ?? docx.Content.Headers.ContentDisposition?.FileName);
        var paragraphs = NoticeDocumentChecks.AssertValidDocx(await docx.Content.ReadAsByteArrayAsync(), "Formal notice to Staffordshire Police");
        Assert.Contains(paragraphs, p => p.Text == TrainingChange);
        Assert.Contains(paragraphs, p => p.Text == AuditChange);
        Assert.Equal(
            ["The issue", "Required changes", "Your response", "Consequences of non-compliance", "What happens next"],
            paragraphs.Where(p => p.Style == "Heading2").Select(p => p.Text));
    }

    [Fact]
    public async Task A_notice_before_the_last_stage_or_with_bad_requirements_is_refused()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-early", Raise());

        var early = await Problem(await api.Notice("esc-early", TwoRequirements), HttpStatusCode.Conflict);
        Assert.Contains("stage 1", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problem(await api.Client.GetAsync(Path("esc-early", "/documents/formal-notice.html")), HttpStatusCode.NotFound);
        await Problem(await api.Client.GetAsync(Path("esc-early", "/documents/summary.txt")), HttpStatusCode.NotFound);
        await Problem(await api.Event("esc-early", new { type = "requirement-met", on = "2026-01-05", requirementId = "r1" }), HttpStatusCode.Conflict);

        foreach (var stage in new[] { 2, 3, 4 })
        {
            await api.EventOk("esc-early", new { type = "escalated", on = "2026-01-05", stage });
        }

        await AssertField(api.Notice("esc-early", new { consequences = "x" }), "requirements");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "r1", change = "x", dueOn = "2 March" } }, consequences = "x" }), "requirements[0].dueOn");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "R 1", change = "x", dueOn = "2026-03-02" } }, consequences = "x" }), "requirements[0].id");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "r1", change = "x", dueOn = "2026-03-02" }, new { id = "r1", change = "y", dueOn = "2026-03-09" } }, consequences = "x" }), "requirements[1].id");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "r1", change = "", dueOn = "2026-03-02" } }, consequences = "x" }), "requirements[0].change");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "r1", change = "x", dueOn = "2026-03-02" } } }), "consequences");
        await AssertField(api.Notice("esc-early", new { requirements = new[] { new { id = "r1", change = "x", dueOn = "2026-01-05" } }, consequences = "x" }), "requirements[0].dueOn"); // due the day it is served

        Assert.Equal("at-stage", (await api.Get("esc-early")).GetProperty("phase").GetString()); // nothing was recorded
    }

    private static async Task AssertField(Task<HttpResponseMessage> request, string field)
    {
        var problem = await Problem(await request, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"expected an error for {field}: {problem}");
    }
}
