using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

/// <summary>Escalations run from the browser alone (no JSON API call but the clock): raised, escalated, answered, closed.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EscalationWorkbenchTests(BrowserFixture browser)
{
    private const string Partnership = "staffordshire";

    [Fact]
    public async Task Staff_raise_an_escalation_the_clock_escalates_it_and_it_is_answered_and_resolved()
    {
        using var api = new ServiceApi(browser.Service);
        var page = await browser.NewPageAsync();

        // From the dashboard to the list, and from the list to the raise page.
        await page.GotoAsync($"/partnerships/{Partnership}");
        await page.Locator("#escalations").ClickAsync();
        Assert.EndsWith($"/partnerships/{Partnership}/escalations", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise an escalation" }).ClickAsync();
        Assert.EndsWith($"/partnerships/{Partnership}/escalations/new", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-new");

        // A missing answer is said on its field and raises nothing.
        await FillRaiseAsync(page, "Threshold for a strategy discussion in case ST-2027-41.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        Assert.Contains(("immediateRisk", "Select yes if a child is at immediate risk of harm"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "escalation-new-errors");
        var (id, reference) = await RaiseAsync(page);

        // Its page: the ladder at stage 1, no formal notice allowed yet, and none offered.
        Assert.Equal("In progress", (await page.Locator("#stage-1 td").Nth(3).InnerTextAsync()).Trim());
        Assert.Equal("Not reached", (await page.Locator("#stage-2 td").Nth(1).InnerTextAsync()).Trim());
        Assert.StartsWith("Not allowed yet", (await page.Locator("#notice-state").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#action-formal-notice").CountAsync());
        Assert.Equal(1, await page.Locator("#action-escalate").CountAsync());
        await PageChecks.CheckAsync(page, "escalation-raised");

        // Nobody resolves stage 1: the clock passes its due date and the service moves it to stage 2 by itself.
        var stage2 = page.Locator("#stage-2");
        await api.AdvanceAsync("P5D");
        for (var attempt = 0; attempt < 60 && !(await stage2.InnerTextAsync()).Contains("Current", StringComparison.Ordinal); attempt++)
        {
            if (attempt % 3 == 2)
            {
                await api.AdvanceAsync("P1D");
            }

            await Task.Delay(300);
            await page.GotoAsync($"/partnerships/{Partnership}/escalations/{id}");
        }

        Assert.Contains("Current", await stage2.InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("Escalated on", (await page.Locator("#stage-1 td").Nth(3).InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("Escalated", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("(The service)", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-stage-2");

        // A response at stage 2.
        await page.Locator("#action-respond").ClickAsync();
        await PageChecks.CheckAsync(page, "escalation-respond-page");
        await page.FillAsync("#by-name", "Pat Police Officer");
        await page.FillAsync("#by-agency", "Staffordshire Police");
        await page.FillAsync("#note", "We will hold a strategy discussion this week.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the response" }).ClickAsync();
        Assert.EndsWith($"/escalations/{id}?done=respond", page.Url, StringComparison.Ordinal);
        Assert.Contains("Response recorded", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("response from Pat Police Officer (Staffordshire Police)", await stage2.InnerTextAsync(), StringComparison.Ordinal);

        // Resolved, through check your answers: the outcome is asked for first.
        await page.Locator("#action-resolve").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("outcome", "Enter how the disagreement was resolved"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "escalation-resolve-errors");
        await page.FillAsync("#outcome", "The strategy discussion was held and both agencies agreed the plan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("The strategy discussion was held and both agencies agreed the plan.", (await page.Locator("#check-outcome").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "escalation-resolve-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resolve the escalation" }).ClickAsync();
        Assert.EndsWith($"/escalations/{id}?done=resolve", page.Url, StringComparison.Ordinal);
        Assert.Equal("Completed", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.StartsWith("Resolved on", (await stage2.Locator("td").Nth(3).InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        await PageChecks.CheckAsync(page, "escalation-resolved");

        // Its emails, and the list.
        await page.Locator("#process-emails").ClickAsync();
        var resolvedEmail = page.Locator("#sent-emails tbody tr", new() { HasText = "resolved" });
        for (var attempt = 0; attempt < 50 && await resolvedEmail.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.True(await resolvedEmail.CountAsync() > 0, await page.Locator("main").InnerTextAsync());
        await PageChecks.CheckAsync(page, "escalation-emails");
        await page.GotoAsync($"/partnerships/{Partnership}/escalations");
        var row = page.Locator($"#escalation-{id}");
        Assert.Contains(reference, await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Resolved at stage 2", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Completed", await row.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalations-with-one");
    }

    [Fact]
    public async Task A_formal_notice_is_offered_only_at_the_last_stage_served_through_check_your_answers_and_followed_to_the_referral_decision()
    {
        using var api = new ServiceApi(browser.Service);
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/partnerships/{Partnership}/escalations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise an escalation" }).ClickAsync();
        await FillRaiseAsync(page, "Health records not shared for case ST-2027-52.");
        var (id, reference) = await RaiseAsync(page);

        // Escalated by hand up the ladder; a notice is not offered until the last stage.
        for (var stage = 2; stage <= 4; stage++)
        {
            Assert.Equal(0, await page.Locator("#action-formal-notice").CountAsync());
            await page.Locator("#action-escalate").ClickAsync();
            if (stage == 2)
            {
                await PageChecks.CheckAsync(page, "escalation-escalate");
            }

            await page.GetByRole(AriaRole.Button, new() { Name = $"Escalate to stage {stage}" }).ClickAsync();
            Assert.Contains("Escalated to the next stage", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Current", await page.Locator($"#stage-{stage}").InnerTextAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await page.Locator("#action-escalate").CountAsync());
        Assert.StartsWith("May be served now", (await page.Locator("#notice-state").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-last-stage");

        await page.Locator("#action-formal-notice").ClickAsync();
        await PageChecks.CheckAsync(page, "escalation-formal-notice");
        var due = (await api.TodayAsync()).AddDays(28);
        await page.FillAsync("#requirements-0-change", "Share health records with children's social care within 2 working days of a request.");
        await page.FillAsync("#requirements-0-dueOn-day", due.Day.ToString());
        await page.FillAsync("#requirements-0-dueOn-month", due.Month.ToString());
        await page.FillAsync("#requirements-0-dueOn-year", due.Year.ToString());
        var lastDue = due.AddDays(7);
        await page.FillAsync("#requirements-1-change", "Audit strategy discussion referrals and share the audit with the partnership.");
        await page.FillAsync("#requirements-1-dueOn-day", lastDue.Day.ToString());
        await page.FillAsync("#requirements-1-dueOn-month", lastDue.Month.ToString());
        await page.FillAsync("#requirements-1-dueOn-year", lastDue.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("consequences", "Enter the consequences of not making the changes"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "escalation-formal-notice-errors");
        await page.FillAsync("#consequences", "The partners will consider referral to the Secretary of State.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains($"Due by {Show.Date(due)}", await page.Locator("#check-change-1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-formal-notice-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Serve the formal notice" }).ClickAsync();

        Assert.EndsWith($"/escalations/{id}?done=formal-notice", page.Url, StringComparison.Ordinal);
        Assert.Equal($"Served on {Show.Date(await api.TodayAsync())}", (await page.Locator("#notice-state").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#action-formal-notice").CountAsync());
        await PageChecks.CheckAsync(page, "escalation-notice-served");

        // The notice downloads from the page route.
        var href = await page.Locator("#notice-html").GetAttributeAsync("href") ?? "";
        Assert.Equal($"/partnerships/{Partnership}/escalations/{id}/documents/formal-notice.html", href);
        var notice = await page.Context.APIRequest.GetAsync(href);
        Assert.Equal(200, notice.Status);
        Assert.Contains(reference, await notice.TextAsync(), StringComparison.Ordinal);

        // The organisation makes the first change: chosen from the notice's changes, with the date.
        Assert.Equal(0, await page.Locator("#action-referral").CountAsync());
        await page.Locator("#action-requirement-met").ClickAsync();
        await PageChecks.CheckAsync(page, "escalation-requirement-met");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change as made" }).ClickAsync();
        Assert.Contains(("requirementId", "Select the change that was made"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "escalation-requirement-met-errors");
        await page.Locator("#requirementId").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the change as made" }).ClickAsync();
        Assert.EndsWith($"/escalations/{id}?done=requirement-met", page.Url, StringComparison.Ordinal);
        Assert.Contains("met on", await page.Locator("#notice-change-1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("met on", await page.Locator("#notice-change-2").InnerTextAsync(), StringComparison.Ordinal);

        // The second is still unmet after its date: the partners are asked to decide on referral, and only then is it offered.
        await api.AdvanceAsync("P36D");
        var referral = page.Locator("#action-referral");
        for (var attempt = 0; attempt < 60 && await referral.CountAsync() == 0; attempt++)
        {
            if (attempt % 3 == 0)
            {
                await api.AdvanceAsync("P1D");
            }

            await Task.Delay(300);
            await page.GotoAsync($"/partnerships/{Partnership}/escalations/{id}");
        }

        Assert.StartsWith("The partners’ decision is due by", (await page.Locator("#notice-referral").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-referral-due");
        await referral.ClickAsync();
        await PageChecks.CheckAsync(page, "escalation-referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("decision", "Select whether the partners decided to refer"), await PageChecks.ErrorSummaryAsync(page));
        await page.GetByLabel("Refer Staffordshire Police to the Secretary of State").CheckAsync();
        await page.FillAsync("#reason", "The audit was not shared and no date was offered.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Refer Staffordshire Police to the Secretary of State", (await page.Locator("#check-decision").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "escalation-referral-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        Assert.EndsWith($"/escalations/{id}?done=referral", page.Url, StringComparison.Ordinal);
        Assert.Equal("Completed", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Contains("Refer Staffordshire Police to the Secretary of State", await page.Locator("#notice-referral").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        await PageChecks.CheckAsync(page, "escalation-referral-recorded");
    }

    [Fact]
    public async Task An_escalation_raised_in_error_is_withdrawn_through_check_your_answers()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/partnerships/{Partnership}/escalations/new");
        await FillRaiseAsync(page, "Raised against the wrong agency.");
        var (id, reference) = await RaiseAsync(page);

        await page.Locator("#cancel").ClickAsync();
        Assert.EndsWith($"/escalations/{id}/cancel", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("reason", "Enter why the escalation is withdrawn"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "escalation-withdraw-errors");
        await page.FillAsync("#reason", "Raised against the wrong agency.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before withdrawing the escalation", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(reference, await page.Locator("#check-answers").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "escalation-withdraw-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the escalation" }).ClickAsync();

        Assert.EndsWith($"/escalations/{id}?done=withdrawn", page.Url, StringComparison.Ordinal);
        Assert.Contains("Escalation withdrawn", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#cancel").CountAsync());
        await PageChecks.CheckAsync(page, "escalation-withdrawn");
    }

    private static async Task FillRaiseAsync(IPage page, string summary)
    {
        await page.FillAsync("#raisedBy-agency", "Staffordshire County Council");
        await page.FillAsync("#raisedBy-name", "Sam Social Worker");
        await page.FillAsync("#raisedBy-email", "sam.worker@example.org");
        await page.FillAsync("#concerning-agency", "Staffordshire Police");
        await page.FillAsync("#concerning-name", "Pat Police Officer");
        await page.FillAsync("#concerning-email", "pat.officer@example.org");
        await page.FillAsync("#summary", summary);
    }

    /// <summary>Raises the filled-in escalation; on its page, returns its id (from the URL) and its reference (the heading).</summary>
    private static async Task<(string Id, string Reference)> RaiseAsync(IPage page)
    {
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        var url = EscalationUrl().Match(page.Url);
        Assert.True(url.Success, page.Url);
        Assert.Contains("Escalation raised", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        var reference = (await page.Locator("h1").InnerTextAsync()).Trim();
        Assert.Matches(@"^ESC-\d{4}-\d{3}$", reference);
        return (url.Groups[1].Value, reference);
    }

    [GeneratedRegex(@"/partnerships/staffordshire/escalations/([a-z0-9-]+)\?done=raised$")]
    private static partial Regex EscalationUrl();
}
