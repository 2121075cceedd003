using System.Net;
using System.Net.Http.Json;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>
/// The stage ladder through HTTP against Azurite with a simulated clock starting Monday 5 January 2026, 08:00 London
/// (GMT, so the instants below are also London times). Staffordshire's preset ladder: 5, 5, 5 and 10 working days.
/// </summary>
public sealed class EscalationLadderTests
{
    [Fact]
    public async Task Nobody_answers_it_climbs_every_stage_on_the_right_working_days_and_ends_in_a_prompt_for_a_formal_notice()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        var raised = await api.PutOk("esc-ladder", Raise());
        Assert.Equal(("open", 1), (raised.GetProperty("status").GetString(), raised.GetProperty("currentStage").GetInt32()));
        Assert.Equal([("stage-1", "2026-01-12", "pending")], Deadlines(raised));

        await api.ClockTo("2026-02-21T12:00:00Z");

        var escalation = await api.Get("esc-ladder");
        Assert.Equal("formal-notice-due", escalation.GetProperty("phase").GetString());
        Assert.Equal("2026-02-20", escalation.GetProperty("formalNoticeDueOn").GetString());
        Assert.Equal(
            [("stage-1", "2026-01-12", "missed"), ("stage-2", "2026-01-20", "missed"), ("stage-3", "2026-01-28", "missed"), ("stage-4", "2026-02-12", "missed"), ("formal-notice", "2026-02-20", "missed")],
            Deadlines(escalation));
        Assert.Equal(["2026-01-13T09:00", "2026-01-21T09:00", "2026-01-29T09:00"], Times(escalation, "escalated"));
        Assert.Equal(["2026-01-09T09:00", "2026-01-19T09:00", "2026-01-27T09:00", "2026-02-11T09:00", "2026-02-19T09:00"], Times(escalation, "reminder-sent"));
        Assert.Equal(["2026-02-13T09:00"], Times(escalation, "formal-notice-prompted"));
        Assert.Equal(["2026-01-13T00:00", "2026-01-21T00:00", "2026-01-29T00:00", "2026-02-13T00:00", "2026-02-21T00:00"], Times(escalation, "deadline-missed"));
        Assert.Equal("open", escalation.GetProperty("status").GetString());

        // Everything in the timeline is in the audit log too, once.
        var history = await api.History("esc-ladder");
        Assert.Equal(escalation.GetProperty("timeline").GetArrayLength(), history.Count);
        Assert.Equal(3, history.Count(h => h.Type == "escalated"));

        // The stages the concern reached, with who was told at each level.
        var stages = escalation.GetProperty("stages").EnumerateArray().ToList();
        Assert.All(stages, s => Assert.True(s.GetProperty("reached").GetBoolean()));
        Assert.Equal(["practitioners", "managers", "senior-managers", "partnership"], stages.Select(s => s.GetProperty("level").GetString()));
        Assert.Equal(
            ["council.dcs.deputy@staffordshire.example.org", "police.acc.deputy@staffordshire.example.org"],
            stages[1].GetProperty("people").EnumerateArray().Select(p => p.GetProperty("email").GetString()));
        Assert.Equal(
            ["board-manager@staffordshire.example.org", "council.dcs@staffordshire.example.org", "police.acc@staffordshire.example.org", "icb.cnto@staffordshire.example.org", "independent-chair@staffordshire.example.org"],
            stages[3].GetProperty("people").EnumerateArray().Select(p => p.GetProperty("email").GetString()));

        // Moving on changes nothing more: the notice is a person's act.
        await api.ClockTo("2026-04-01T12:00:00Z");
        Assert.Equal(history.Count, (await api.History("esc-ladder")).Count);
    }

    [Fact]
    public async Task A_partnership_that_sets_its_own_escalation_timings_gets_them()
    {
        // Reminders two working days before each deadline, and three working days (not five) to serve the formal notice.
        using var folder = new TestConfigFolder();
        folder.WritePartnership(Partnership, json =>
        {
            json["timescales"]!["escalationStageReminderWorkingDaysBefore"] = 2;
            json["timescales"]!["formalNoticeWithinWorkingDays"] = 3;
            json["timescales"]!["formalNoticeReminderWorkingDaysBefore"] = 2;
        });
        await using var api = new EscalationApi(new ServiceFactory(new Dictionary<string, string?> { ["Partnerships:Folder"] = folder.Path }));
        await api.PutOk("esc-local", Raise());

        await api.ClockTo("2026-02-21T12:00:00Z");

        var escalation = await api.Get("esc-local");
        Assert.Equal("2026-02-18", escalation.GetProperty("formalNoticeDueOn").GetString());
        Assert.Equal(["2026-01-08T09:00", "2026-01-16T09:00", "2026-01-26T09:00", "2026-02-10T09:00", "2026-02-16T09:00"], Times(escalation, "reminder-sent"));
        Assert.Equal(["2026-02-13T09:00"], Times(escalation, "formal-notice-prompted"));
        Assert.Equal(("formal-notice", "2026-02-18", "missed"), Deadlines(escalation)[^1]);
    }

    [Fact]
    public async Task Resolved_at_stage_2_every_pending_action_stops()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-resolved", Raise());
        await api.ClockTo("2026-01-14T12:00:00Z");
        Assert.Equal(2, (await api.Get("esc-resolved")).GetProperty("currentStage").GetInt32());

        var resolved = await api.EventOk("esc-resolved", new { type = "resolved", on = "2026-01-14", outcome = "Managers agreed a strategy discussion is needed." });

        Assert.Equal("completed", resolved.GetProperty("status").GetString());
        Assert.Equal(2, resolved.GetProperty("resolution").GetProperty("atStage").GetInt32());
        Assert.Equal([("stage-1", "2026-01-12", "missed"), ("stage-2", "2026-01-20", "met")], Deadlines(resolved));

        // Resolving again is a no-op.
        var again = await api.EventOk("esc-resolved", new { type = "resolved", on = "2026-01-14", outcome = "Managers agreed a strategy discussion is needed." });
        Assert.Equal(resolved.GetProperty("timeline").GetArrayLength(), again.GetProperty("timeline").GetArrayLength());

        // Nothing more happens: no reminder, no escalation, no deadline missed.
        var before = await api.History("esc-resolved");
        await api.ClockTo("2026-03-02T12:00:00Z");
        var after = await api.History("esc-resolved");
        Assert.Equal(before, after);
        Assert.Equal("resolved", after[^1].Type);

        var completed = await api.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/partnerships/{Partnership}/processes?kind=escalation&status=completed");
        var listed = Assert.Single(completed.EnumerateArray());
        Assert.Equal("esc-resolved", listed.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_immediate_risk_notifies_every_level_at_once_and_the_stage_clock_still_runs()
    {
        await using var api = new EscalationApi(new ServiceFactory());

        var raised = await api.PutOk("esc-risk", Raise(immediateRisk: true));

        Assert.True(raised.GetProperty("immediateRisk").GetBoolean());
        Assert.Equal(["2026-01-05T08:00"], Times(raised, "immediate-risk-notified"));
        Assert.Contains("all 4 levels", raised.GetProperty("timeline")[1].GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([("stage-1", "2026-01-12", "pending")], Deadlines(raised));

        await api.ClockTo("2026-01-13T12:00:00Z");
        var escalation = await api.Get("esc-risk");
        Assert.Equal(2, escalation.GetProperty("currentStage").GetInt32());
        Assert.Equal(["2026-01-13T09:00"], Times(escalation, "escalated"));
    }

    [Fact]
    public async Task Escalating_by_hand_moves_up_a_stage_from_that_day_and_past_the_last_stage_is_refused()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-manual", Raise());

        var escalated = await api.EventOk("esc-manual", new { type = "escalated", on = "2026-01-05" });
        Assert.Equal(2, escalated.GetProperty("currentStage").GetInt32());
        Assert.Equal([("stage-1", "2026-01-12", "waived"), ("stage-2", "2026-01-12", "pending")], Deadlines(escalated));

        await api.EventOk("esc-manual", new { type = "escalated", on = "2026-01-05", stage = 3 });
        await api.EventOk("esc-manual", new { type = "escalated", on = "2026-01-05", stage = 4 });
        var repeated = await api.EventOk("esc-manual", new { type = "escalated", on = "2026-01-05", stage = 4 }); // the same event again
        Assert.Equal(4, repeated.GetProperty("currentStage").GetInt32());

        var refused = await Problem(await api.Event("esc-manual", new { type = "escalated", on = "2026-01-05" }), HttpStatusCode.Conflict);
        Assert.Contains("formal notice", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, (await api.Get("esc-manual")).GetProperty("currentStage").GetInt32());
    }
}
