using System.Net.Http.Json;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>
/// What the escalation emails, read from the outbox (<c>GET /api/outbox?processId=</c>, the email feature). Each
/// email id ends with its action, target and send date, so the dates are checked through the ids.
/// </summary>
public sealed class EscalationEmailTests
{
    private const string Practitioners = "sam@council.example.org pat@police.example.org";
    private const string Managers = "council.dcs.deputy@staffordshire.example.org police.acc.deputy@staffordshire.example.org";
    private const string Seniors = "council.dcs@staffordshire.example.org police.acc@staffordshire.example.org";
    private const string BusinessManager = "board-manager@staffordshire.example.org";
    private const string Partnership = "board-manager@staffordshire.example.org council.dcs@staffordshire.example.org police.acc@staffordshire.example.org icb.cnto@staffordshire.example.org independent-chair@staffordshire.example.org";

    [Fact]
    public async Task Unanswered_each_level_is_told_on_its_working_day_and_the_business_manager_is_prompted()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-mail", Raise());
        await api.ClockTo("2026-02-21T12:00:00Z");

        var sent = await WaitForOutbox(api, "esc-mail", 10);

        Assert.Equal(
            [
                ("escalations/raised", "raised/stage-1/2026-01-05", Practitioners),
                ("escalations/stage-reminder", "stage-reminder/stage-1/2026-01-09", Practitioners),
                ("escalations/escalated", "escalated/stage-2/2026-01-13", $"{Practitioners} {Managers}"),
                ("escalations/stage-reminder", "stage-reminder/stage-2/2026-01-19", Managers),
                ("escalations/escalated", "escalated/stage-3/2026-01-21", $"{Managers} {Seniors}"),
                ("escalations/stage-reminder", "stage-reminder/stage-3/2026-01-27", Seniors),
                ("escalations/escalated", "escalated/stage-4/2026-01-29", $"{Seniors} board-manager@staffordshire.example.org icb.cnto@staffordshire.example.org independent-chair@staffordshire.example.org"),
                ("escalations/stage-reminder", "stage-reminder/stage-4/2026-02-11", Partnership),
                ("escalations/formal-notice-prompt", "formal-notice-prompt/business-manager/2026-02-13", BusinessManager),
                ("escalations/formal-notice-reminder", "formal-notice-reminder/business-manager/2026-02-19", BusinessManager),
            ],
            sent);
        await AssertNoSummaryIn(api, "esc-mail");
    }

    [Fact]
    public async Task Resolved_at_stage_2_everyone_reached_is_told_once_and_nothing_follows()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-mail-2", Raise());
        await api.ClockTo("2026-01-14T12:00:00Z");
        await api.EventOk("esc-mail-2", new { type = "resolved", on = "2026-01-14", outcome = "Agreed a strategy discussion." });
        await api.ClockTo("2026-03-02T12:00:00Z");

        var sent = await WaitForOutbox(api, "esc-mail-2", 4);

        Assert.Equal(
            [
                ("escalations/raised", "raised/stage-1/2026-01-05", Practitioners),
                ("escalations/stage-reminder", "stage-reminder/stage-1/2026-01-09", Practitioners),
                ("escalations/escalated", "escalated/stage-2/2026-01-13", $"{Practitioners} {Managers}"),
                ("escalations/resolved", "resolved/everyone/2026-01-14", $"{Practitioners} {Managers}"),
            ],
            sent);
    }

    [Fact]
    public async Task An_immediate_risk_is_sent_to_every_level_at_once()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-mail-risk", Raise(immediateRisk: true));

        var sent = await WaitForOutbox(api, "esc-mail-risk", 1);

        Assert.Equal([("escalations/immediate-risk", "immediate-risk/all-levels/2026-01-05", $"{Practitioners} {Managers} {Seniors} board-manager@staffordshire.example.org icb.cnto@staffordshire.example.org independent-chair@staffordshire.example.org")], sent);
    }

    [Fact]
    public async Task The_formal_notice_is_served_by_email_with_links_only_and_the_overdue_requirement_is_chased()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-mail-notice", Raise());
        await api.ClockTo("2026-02-16T10:00:00Z");
        var notice = await api.Notice("esc-mail-notice", new
        {
            requirements = new[] { new { id = "r1", change = "Train every duty social worker.", dueOn = "2026-03-02" }, new { id = "r2", change = "Share the audit.", dueOn = "2026-03-16" } },
            consequences = "Referral to the Secretary of State.",
        });
        notice.EnsureSuccessStatusCode();
        await api.ClockTo("2026-03-10T12:00:00Z");
        await api.EventOk("esc-mail-notice", new { type = "requirement-met", on = "2026-03-10", requirementId = "r2" });
        await api.ClockTo("2026-03-18T12:00:00Z");

        var sent = (await WaitForOutbox(api, "esc-mail-notice", 14)).Skip(9).ToList(); // after the nine of the stages and the prompt

        const string Organisation = "police.acc@staffordshire.example.org";
        Assert.Equal(
            [
                ("escalations/formal-notice-served", "formal-notice-served/organisation/2026-02-16", "police.acc@staffordshire.example.org board-manager@staffordshire.example.org council.dcs@staffordshire.example.org icb.cnto@staffordshire.example.org independent-chair@staffordshire.example.org"),
                ("escalations/requirement-chase", "requirement-chase/r1/2026-03-03", $"{Organisation} {BusinessManager}"),
                ("escalations/requirement-chase", "requirement-chase/r1/2026-03-10", $"{Organisation} {BusinessManager}"),
                ("escalations/referral-prompt", "referral-prompt/partnership/2026-03-17", Partnership),
                ("escalations/requirement-chase", "requirement-chase/r1/2026-03-17", $"{Organisation} {BusinessManager}"),
            ],
            sent);
        var served = (await Outbox(api, "esc-mail-notice")).Single(e => e.GetProperty("kind").GetString() == "escalations/formal-notice-served");
        var body = served.GetProperty("body").GetString()!;
        Assert.Contains("/partnerships/staffordshire/escalations/esc-mail-notice/documents/formal-notice.docx", body, StringComparison.Ordinal);
        Assert.Contains("/partnerships/staffordshire/escalations/esc-mail-notice/documents/formal-notice.html", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Train every duty social worker", body, StringComparison.Ordinal); // the required changes stay in the notice
        await AssertNoSummaryIn(api, "esc-mail-notice");
    }

    /// <summary>The process's emails as (kind, id without the process key, recipients), in send-date order, once at least <paramref name="count"/> are there.</summary>
    private static async Task<List<(string Kind, string Id, string To)>> WaitForOutbox(EscalationApi api, string id, int count)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        List<JsonElement> entries;
        do
        {
            entries = await Outbox(api, id);
            if (entries.Count >= count)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);

        var prefix = $"{EscalationApi.Partnership}/escalation/{id}/";
        return entries
            .Select(e => (Kind: e.GetProperty("kind").GetString()!, Id: e.GetProperty("id").GetString()![prefix.Length..], To: string.Join(" ", e.GetProperty("to").EnumerateArray().Select(t => t.GetString()))))
            .OrderBy(e => e.Id[(e.Id.LastIndexOf('/') + 1)..], StringComparer.Ordinal) // the send date
            .ThenBy(e => e.Id, StringComparer.Ordinal) // emails sent at the same instant have no order of their own
            .ToList();
    }

    private static async Task<List<JsonElement>> Outbox(EscalationApi api, string id) =>
        (await api.Client.GetFromJsonAsync<JsonElement>($"/api/outbox?processId={id}")).EnumerateArray().ToList();

    private static async Task AssertNoSummaryIn(EscalationApi api, string id)
    {
        foreach (var email in await Outbox(api, id))
        {
            Assert.DoesNotContain("strategy discussion", email.GetProperty("body").GetString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("strategy discussion", email.GetProperty("subject").GetString(), StringComparison.OrdinalIgnoreCase);
        }
    }
}
