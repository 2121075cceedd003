using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using static Safeguarding.Workflows.Host.Tests.Escalations.EscalationApi;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>The staff pages offer only what the escalation allows now, and a step not allowed is not there at all.</summary>
public sealed class EscalationPagesTests
{
    [Fact]
    public async Task A_formal_notice_is_neither_offered_nor_reachable_before_the_last_stage()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        var raised = await api.PutOk("esc-pages", Raise());
        var reference = raised.GetProperty("reference").GetString()!;
        var page = $"/partnerships/{Partnership}/escalations/esc-pages";

        var atFirst = await api.Client.GetStringAsync(page);
        Assert.Contains($">{reference}</h1>", atFirst, StringComparison.Ordinal);
        Assert.Contains("id=\"action-escalate\"", atFirst, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-formal-notice\"", atFirst, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/formal-notice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/record/requirement-met")).StatusCode);
        Assert.Contains(reference, await api.Client.GetStringAsync($"/partnerships/{Partnership}/escalations"), StringComparison.Ordinal);

        for (var stage = 2; stage <= 4; stage++)
        {
            var moved = await api.Client.PostAsJsonAsync(Path("esc-pages", "/events"), new { type = "escalated", on = "2026-01-05", stage });
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        var atLast = await api.Client.GetStringAsync(page);
        Assert.DoesNotContain("id=\"action-escalate\"", atLast, StringComparison.Ordinal);
        Assert.Contains("id=\"action-formal-notice\"", atLast, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/record/escalate")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Client.GetAsync($"{page}/formal-notice")).StatusCode);
    }

    [Fact]
    public async Task A_change_made_is_offered_once_a_notice_is_served_and_the_referral_decision_once_the_partners_are_asked()
    {
        await using var api = new EscalationApi(new ServiceFactory());
        await api.PutOk("esc-referral", Raise());
        await api.ClockTo("2026-02-16T10:00:00Z");
        Assert.Equal(HttpStatusCode.Created, (await api.Notice("esc-referral", new
        {
            requirements = new[]
            {
                new { id = "r1", change = "Every duty social worker completes the threshold training.", dueOn = "2026-03-02" },
                new { id = "r2", change = "An audit of strategy discussion referrals is shared with the partnership.", dueOn = "2026-03-16" },
            },
            consequences = "The partners may refer the matter to the Secretary of State.",
        })).StatusCode);
        var page = $"/partnerships/{Partnership}/escalations/esc-referral";

        var served = await api.Client.GetStringAsync(page);
        Assert.Contains("id=\"action-requirement-met\"", served, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-referral\"", served, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"{page}/record/referral")).StatusCode);

        // No change chosen, or a date before the notice: said on the field, nothing recorded.
        var met = $"{page}/record/requirement-met";
        var form = await api.Client.GetStringAsync(met);
        Assert.Contains("value=\"r1\"", form, StringComparison.Ordinal);
        var unchosen = await Post(api.Client, met, form, new() { ["on-day"] = "16", ["on-month"] = "2", ["on-year"] = "2026" });
        Assert.Equal(HttpStatusCode.BadRequest, unchosen.StatusCode);
        Assert.Contains("Select the change that was made", await unchosen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var early = await Post(api.Client, met, form, new() { ["requirementId"] = "r2", ["on-day"] = "13", ["on-month"] = "2", ["on-year"] = "2026" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("before the formal notice was served", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(Requirement(await api.Get("esc-referral"), "r2").GetProperty("metOn").GetString());

        var recorded = await Post(api.Client, met, form, new() { ["requirementId"] = "r2", ["on-day"] = "16", ["on-month"] = "2", ["on-year"] = "2026" });
        Assert.EndsWith("/escalations/esc-referral?done=requirement-met", recorded.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        Assert.Contains("met on 16 February 2026", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("2026-02-16", Requirement(await api.Get("esc-referral"), "r2").GetProperty("metOn").GetString());

        // After the last due date, with r1 unmet, the partners are asked: the decision is offered, through check your answers.
        await api.ClockTo("2026-03-18T12:00:00Z");
        var asked = await api.Client.GetStringAsync(page);
        Assert.Contains("id=\"action-referral\"", asked, StringComparison.Ordinal);
        Assert.Contains("decision is due by 31 March 2026", asked, StringComparison.Ordinal);
        var decide = $"{page}/record/referral";
        form = await api.Client.GetStringAsync(decide);
        var undecided = await Post(api.Client, decide, form, new() { ["on-day"] = "18", ["on-month"] = "3", ["on-year"] = "2026" });
        Assert.Equal(HttpStatusCode.BadRequest, undecided.StatusCode);
        Assert.Contains("Select whether the partners decided to refer", await undecided.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var decision = new Dictionary<string, string> { ["on-day"] = "18", ["on-month"] = "3", ["on-year"] = "2026", ["decision"] = "do-not-refer", ["reason"] = "The training is booked for April." };
        var check = await Post(api.Client, decide, form, decision);
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("Check your answers before recording the decision", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("open", (await api.Get("esc-referral")).GetProperty("status").GetString());

        var confirmed = await Post(api.Client, $"{decide}?handler=confirm", form, decision);
        Assert.EndsWith("/escalations/esc-referral?done=referral", confirmed.RequestMessage!.RequestUri!.ToString(), StringComparison.Ordinal);
        var closed = await api.Get("esc-referral");
        Assert.Equal("completed", closed.GetProperty("status").GetString());
        Assert.Equal("do-not-refer", closed.GetProperty("referralDecision").GetProperty("decision").GetString());
        Assert.DoesNotContain("id=\"actions\"", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync(decide)).StatusCode);
    }

    [Fact]
    public async Task The_older_raise_address_is_the_staff_page()
    {
        await using var api = new EscalationApi(new ServiceFactory());

        var older = await api.Client.GetStringAsync($"/forms/escalations/{Partnership}/new");

        Assert.Contains("Back to the escalations", older, StringComparison.Ordinal);
        Assert.Contains("Raise the escalation", older, StringComparison.Ordinal);
    }

    private static System.Text.Json.JsonElement Requirement(System.Text.Json.JsonElement escalation, string id) =>
        escalation.GetProperty("formalNotice").GetProperty("requirements").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    /// <summary>Posts a page's form as a browser would, with the antiforgery token of <paramref name="form"/>.</summary>
    private static Task<HttpResponseMessage> Post(HttpClient client, string url, string form, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Regex.Match(form, @"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""").Groups[1].Value;
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
