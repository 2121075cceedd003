using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

[Collection(BrowserCollection.Name)]
public sealed class EscalationFormsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_escalation_is_raised_then_answered_and_resolved()
    {
        using var api = new ServiceApi(browser.Service);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/forms/escalations/brighton-and-hove/new");
        await PageChecks.CheckAsync(page, "escalation-raise");

        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        Assert.Equal([("immediateRisk", "Select yes if a child is at immediate risk of harm")], await PageChecks.ErrorSummaryAsync(page));

        await page.Locator("#immediateRisk-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(errors, e => e.Target.StartsWith("raisedBy", StringComparison.Ordinal));
        await PageChecks.FollowErrorLinkAsync(page, errors[0].Target);
        await PageChecks.CheckAsync(page, "escalation-raise-errors");

        await page.FillAsync("#raisedBy-agency", "Brighton and Hove City Council");
        await page.FillAsync("#raisedBy-name", "Morgan Ellis");
        await page.FillAsync("#raisedBy-email", "not-an-email");
        await page.FillAsync("#concerning-agency", "Sussex Police");
        await page.FillAsync("#concerning-name", "Dana Price");
        await page.FillAsync("#concerning-email", "dana.price@example.org");
        await page.FillAsync("#summary", "Disagreement about the threshold for a strategy discussion in case BH-2026-31.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal("raisedBy-email", Assert.Single(errors).Target);

        await page.FillAsync("#raisedBy-email", "morgan.ellis@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Raise the escalation" }).ClickAsync();
        // The older address is the staff page's second route: it lands on the escalation's page with the banner.
        var raised = Regex.Match(page.Url, @"/partnerships/brighton-and-hove/escalations/([a-z0-9-]+)\?done=raised$");
        Assert.True(raised.Success, page.Url);
        Assert.Contains("Escalation raised", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        // The heading gives the readable reference; the id stays in the links.
        Assert.Matches(@"^ESC-\d{4}-\d{3}$", (await page.Locator("h1").InnerTextAsync()).Trim());
        var id = raised.Groups[1].Value;
        await PageChecks.CheckAsync(page, "escalation-raise-confirmation");

        var escalation = await api.GetAsync($"/api/partnerships/brighton-and-hove/escalations/{id}");
        Assert.Equal("Sussex Police", escalation.GetProperty("concerning").GetProperty("agency").GetString());
        Assert.False(escalation.GetProperty("immediateRisk").GetBoolean());
        Assert.Equal("open", escalation.GetProperty("status").GetString());

        // The response form an emailed link opens.
        await page.GotoAsync($"/forms/escalations/brighton-and-hove/{id}/respond");
        await PageChecks.CheckAsync(page, "escalation-respond");
        await page.GetByLabel("The disagreement is resolved").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal([("details", "Enter how the disagreement was resolved")], errors);
        await PageChecks.CheckAsync(page, "escalation-respond-errors");

        await page.FillAsync("#by-name", "Dana Price");
        await page.FillAsync("#details", "A strategy discussion was held and both agencies agreed the plan.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();
        Assert.Equal("Escalation resolved", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "escalation-respond-confirmation");

        escalation = await api.GetAsync($"/api/partnerships/brighton-and-hove/escalations/{id}");
        Assert.Equal("completed", escalation.GetProperty("status").GetString());
        Assert.Equal("A strategy discussion was held and both agencies agreed the plan.", escalation.GetProperty("resolution").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_formal_notice_is_served_once_the_last_stage_has_passed()
    {
        using var api = new ServiceApi(browser.Service);
        var id = ServiceApi.Unique("esc-2026");
        var today = await api.TodayAsync();
        await api.PutAsync($"/api/partnerships/west-sussex/escalations/{id}", new
        {
            raisedOn = today.ToString("yyyy-MM-dd"),
            raisedBy = new { agency = "West Sussex County Council", name = "Lee Grant", email = "lee.grant@example.org" },
            concerning = new { agency = "NHS Sussex", name = "Kim Hall", email = "kim.hall@example.org" },
            summary = "Health visiting records were not shared for case WS-2026-07.",
            immediateRisk = false,
        });

        // Unresolved through every stage (5 + 5 + 5 + 10 working days): the notice falls due.
        await api.AdvanceAsync("P45D");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await api.GetAsync($"/api/partnerships/west-sussex/escalations/{id}")).GetProperty("formalNoticeDueOn").ValueKind);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/forms/escalations/west-sussex/{id}/formal-notice");
        await PageChecks.CheckAsync(page, "formal-notice");
        await page.FillAsync("#requirements-0-change", "Share health visiting records with children's social care within 2 working days of a request.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Serve the notice" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal("requirements-0-dueOn-day", errors[0].Target);
        Assert.Equal("Enter the date change 1 is due", errors[0].Message);
        await PageChecks.CheckAsync(page, "formal-notice-errors");

        var due = (await api.TodayAsync()).AddDays(28);
        await page.FillAsync("#requirements-0-dueOn-day", due.Day.ToString());
        await page.FillAsync("#requirements-0-dueOn-month", due.Month.ToString());
        await page.FillAsync("#requirements-0-dueOn-year", due.Year.ToString());
        await page.FillAsync("#consequences", "The partners will consider referral to the Secretary of State.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Serve the notice" }).ClickAsync();
        Assert.Equal("Formal notice served", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "formal-notice-confirmation");

        var notice = (await api.GetAsync($"/api/partnerships/west-sussex/escalations/{id}")).GetProperty("formalNotice");
        var requirement = Assert.Single(notice.GetProperty("requirements").EnumerateArray());
        Assert.Equal("r1", requirement.GetProperty("id").GetString());
        Assert.Equal(due.ToString("yyyy-MM-dd"), requirement.GetProperty("dueOn").GetString());
    }
}
