using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

/// <summary>Rapid reviews run from the browser alone: from the dashboard to "sent to the Panel", a late step, closing one (no JSON API call but the clock).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RapidReviewWorkbenchTests(BrowserFixture browser)
{
    [Fact]
    public async Task Staff_refer_an_incident_read_an_agency_summary_record_every_step_and_send_the_review_to_the_panel()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var reference = $"RR-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var id = reference.ToLowerInvariant();
        var page = await browser.NewPageAsync();

        // From the dashboard to the list, and from the list to the referral.
        await page.GotoAsync("/partnerships/staffordshire");
        await page.Locator("#rapid-reviews").ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/rapid-reviews", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-reviews");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer a serious incident" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/rapid-reviews/new", page.Url, StringComparison.Ordinal);
        await RapidReviewFormsTests.FillReferralAsync(page, reference.ToLowerInvariant(), today, outcome: "seriously-harmed", lookedAfter: "no", abuseOrNeglect: "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        Assert.Equal("Serious incident referred", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        Assert.Equal(reference, (await page.Locator("#reference").InnerTextAsync()).Trim());

        // The list shows it; its page shows the case, the clocks (the rapid review's provisional), and the summaries awaited.
        await page.GotoAsync("/partnerships/staffordshire/rapid-reviews");
        var row = page.Locator($"#review-{id}");
        Assert.Contains(Show.Date(today), await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Open", await row.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-reviews-with-one");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        Assert.EndsWith($"/partnerships/staffordshire/rapid-reviews/{id}", page.Url, StringComparison.Ordinal);
        Assert.Equal(reference, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(Show.Date(today), (await page.Locator("#summary-aware-on").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("#deadline-rapid-review .app-provisional").CountAsync());
        Assert.Equal(0, await page.Locator("#deadline-panel-notification .app-provisional").CountAsync());
        Assert.Equal(0, await page.Locator("#record-secretary-of-state-notified").CountAsync());
        Assert.Contains("Awaited", await page.Locator("#agency-staffordshire-county-council").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Patel", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-opened");

        // The agency's request, found among this review's emails, opens its form from the link it carries.
        await page.Locator("#process-emails").ClickAsync();
        var request = page.Locator("#sent-emails tbody tr", new() { HasText = "sam.patel@example.org" });
        for (var attempt = 0; attempt < 50 && await request.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        await request.First.GetByRole(AriaRole.Link).First.ClickAsync();
        var body = await page.Locator("#email-body").InnerTextAsync();
        var link = SummaryLink().Match(body);
        Assert.True(link.Success, body);
        Assert.Contains($"/forms/rapid-reviews/staffordshire/{id}/agency-summary/", link.Value, StringComparison.Ordinal);

        var agency = await browser.NewPageAsync();
        await agency.GotoAsync(link.Value);
        await agency.FillAsync("#involvement", "Two welfare visits by the neighbourhood team.\nA call about noise in March.");
        await agency.FillAsync("#immediate-action", "A strategy discussion <b>the same day</b>.");
        await agency.FillAsync("#learning", "# Information sharing out of hours.");
        await agency.GetByRole(AriaRole.Button, new() { Name = "Send the summary" }).ClickAsync();
        Assert.Equal("Summary received", (await agency.Locator(".govuk-panel__title").InnerTextAsync()).Trim());

        // Staff read it on the review's page: headings and paragraphs, every character as typed.
        await page.GotoAsync($"/partnerships/staffordshire/rapid-reviews/{id}");
        var received = page.Locator("#agency-staffordshire-county-council");
        Assert.Contains(Show.Date(today), await received.InnerTextAsync(), StringComparison.Ordinal);
        await received.GetByRole(AriaRole.Link, new() { Name = "Read the summary from Staffordshire County Council" }).ClickAsync();
        Assert.Equal("Agency summary from Staffordshire County Council", (await page.Locator("h1").InnerTextAsync()).Trim());
        var text = page.Locator("#summary-text");
        Assert.Contains("Your agency’s involvement with the child and family", await text.Locator("h2").AllInnerTextsAsync());
        Assert.Contains("A strategy discussion <b>the same day</b>.", await text.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await text.Locator("b").CountAsync());
        Assert.Contains("# Information sharing out of hours.", await text.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith($"/rapid-reviews/{id}/agency-summaries/staffordshire-county-council/download", await page.Locator("#download").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-agency-summary");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Back to rapid review {reference}" }).First.ClickAsync();

        // Another agency is asked from the page: a listed agency is refused on its field; the new one is emailed its request.
        await page.Locator("#add-agency").ClickAsync();
        Assert.EndsWith($"/rapid-reviews/{id}/agencies/new", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-add-agency");
        await page.FillAsync("#agency", "Staffordshire County Council");
        await page.FillAsync("#contact-name", "Jo Bloggs");
        await page.FillAsync("#contact-email", "jo.bloggs@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for a summary" }).ClickAsync();
        Assert.Contains(("agency", "Staffordshire County Council is already asked for a summary"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "rapid-review-add-agency-errors");
        await page.FillAsync("#agency", "Oak Primary School");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask for a summary" }).ClickAsync();
        Assert.Contains("Oak Primary School has been asked for a summary.", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Awaited", await page.Locator("#agency-oak-primary-school").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Agency added: Oak Primary School, Jo Bloggs", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-agency-added");
        await page.Locator("#process-emails").ClickAsync();
        var schoolRequest = page.Locator("#sent-emails tbody tr", new() { HasText = "jo.bloggs@example.org" });
        for (var attempt = 0; attempt < 50 && await schoolRequest.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal(1, await schoolRequest.CountAsync());
        await PageChecks.CheckAsync(page, "rapid-review-emails");
        await page.GotoAsync($"/partnerships/staffordshire/rapid-reviews/{id}");

        // The Panel notification: a date that is not one is refused on its field, then recorded with a banner.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record that the Panel was notified" }).ClickAsync();
        await PageChecks.CheckAsync(page, "rapid-review-record-panel-notified");
        await page.FillAsync("#on-day", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the Panel was notified" }).ClickAsync();
        Assert.Contains(("on-day", "The date must include a day"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "rapid-review-record-errors");
        await page.FillAsync("#on-day", today.Day.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the Panel was notified" }).ClickAsync();
        Assert.EndsWith($"/rapid-reviews/{id}?recorded=panel-notified", page.Url, StringComparison.Ordinal);
        Assert.Contains("Panel notification recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Met", (await page.Locator("#deadline-panel-notification .govuk-tag").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#deadline-rapid-review .app-provisional").CountAsync());
        Assert.Equal(0, await page.Locator("#record-panel-notified").CountAsync());
        await PageChecks.CheckAsync(page, "rapid-review-panel-notified");

        await RecordAsync(page, "Record that the safeguarding partners were told", "Safeguarding partners told");
        await RecordAsync(page, "Record the rapid review meeting", "Rapid review meeting recorded");

        // Sent to the Panel: the decision is asked for, the answers are checked (it cannot be undone), then the review ends.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record that the rapid review was sent to the Panel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("decision", "Select the decision sent to the Panel"), await PageChecks.ErrorSummaryAsync(page));
        await page.GetByLabel("A national review is recommended to the Panel").CheckAsync();
        await page.FillAsync("#on-year", (today.Year + 1).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(await PageChecks.ErrorSummaryAsync(page), e => e.Target == "on-day" && e.Message.Contains("is in the future", StringComparison.Ordinal));
        await PageChecks.CheckAsync(page, "rapid-review-record-submitted");
        await page.FillAsync("#on-year", today.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before sending the rapid review to the Panel", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("A national review is recommended to the Panel", (await page.Locator("#check-decision").InnerTextAsync()).Trim());
        Assert.Equal(Show.Date(today), (await page.Locator("#check-on").InnerTextAsync()).Trim());
        Assert.Contains("Oak Primary School", await page.Locator("#what-happens").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-check-submitted");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change the decision" }).ClickAsync();
        Assert.True(await page.GetByLabel("A national review is recommended to the Panel").IsCheckedAsync());
        await page.GetByLabel("No further review").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("No further review", (await page.Locator("#check-decision").InnerTextAsync()).Trim());
        Assert.Equal("Open", (await NewStatusAsync(browser, id)).Trim());
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the rapid review to the Panel" }).ClickAsync();
        Assert.Contains("Rapid review sent to the Panel. The rapid review is complete.", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Completed", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal("No further review", (await page.Locator("#summary-decision").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        var history = await page.Locator("#timeline").InnerTextAsync();
        Assert.Contains($"Review submitted: no further review on {Show.Date(today)}", history, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-completed");

        await page.GotoAsync("/partnerships/staffordshire/rapid-reviews");
        Assert.Contains("Completed", await page.Locator($"#review-{id}").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_step_is_shown_overdue_recorded_late_and_explained_and_a_looked_after_child_s_review_is_closed()
    {
        using var api = new ServiceApi(browser.Service);
        var openedOn = await api.TodayAsync();
        var reference = $"RR-{openedOn.Year}-{Random.Shared.Next(100000, 999999)}";
        var id = reference.ToLowerInvariant();
        var page = await browser.NewPageAsync();

        // A looked-after child died: the Secretary of State and Ofsted are notified too.
        await page.GotoAsync("/partnerships/staffordshire/rapid-reviews/new");
        await RapidReviewFormsTests.FillReferralAsync(page, reference, openedOn, outcome: "died", lookedAfter: "yes", abuseOrNeglect: "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        Assert.Equal("Serious incident referred", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());

        // Five working days pass with nothing recorded: the notifications are overdue on the review's page.
        var due = StatutoryCalendar.EnglandAndWales.AddWorkingDays(openedOn, 5);
        await api.AtLeastAsync(LondonTime.EndOfDay(due).AddHours(10));
        var today = await api.TodayAsync();
        await page.GotoAsync($"/partnerships/staffordshire/rapid-reviews/{id}");
        var panel = page.Locator("#deadline-panel-notification .govuk-tag");
        for (var attempt = 0; attempt < 50 && (await panel.InnerTextAsync()).Trim() != "Overdue"; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal("Overdue", (await panel.InnerTextAsync()).Trim());
        Assert.Equal("Overdue", (await page.Locator("#deadline-secretary-of-state-notification .govuk-tag").InnerTextAsync()).Trim());
        Assert.Contains(Show.Date(due), await page.Locator("#deadline-panel-notification").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-overdue");

        // Recorded late, on today's date: met late.
        await RecordAsync(page, "Record that the Secretary of State and Ofsted were notified", "Secretary of State and Ofsted notification recorded");
        Assert.Equal("Met late", (await page.Locator("#deadline-secretary-of-state-notification .govuk-tag").InnerTextAsync()).Trim());
        await page.GetByRole(AriaRole.Link, new() { Name = "Record that the Panel was notified" }).ClickAsync();
        Assert.Equal(today.Day.ToString(), await page.InputValueAsync("#on-day"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the Panel was notified" }).ClickAsync();
        Assert.Contains("Panel notification recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Met late", (await page.Locator("#deadline-panel-notification .govuk-tag").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "rapid-review-recorded-late");

        // The delay reason, from the page: it lists what it explains; a blank one is refused on its field.
        await page.Locator("#delay-reason").ClickAsync();
        var late = await page.Locator("#late").InnerTextAsync();
        Assert.Contains("Notifying the Child Safeguarding Practice Review Panel", late, StringComparison.Ordinal);
        Assert.Contains("Notifying the Secretary of State and Ofsted", late, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-delay-reason");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give a reason for a delay" }).ClickAsync();
        Assert.Contains(("reason", "Enter the reason for the delay"), await PageChecks.ErrorSummaryAsync(page));
        await page.FillAsync("#reason", "The duty manager was on leave and the referral waited in a shared inbox.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give a reason for a delay" }).ClickAsync();
        Assert.Contains("Delay reason recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        var reasons = await page.Locator("#delay-reasons").InnerTextAsync();
        Assert.Contains("The duty manager was on leave", reasons, StringComparison.Ordinal);
        Assert.Contains("Notifying the Child Safeguarding Practice Review Panel", reasons, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-delay-reason-recorded");

        // Closed from its page: a reason is required, then checked, then the review is cancelled.
        await page.Locator("#cancel").ClickAsync();
        Assert.EndsWith($"/rapid-reviews/{id}/cancel", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("reason", "Enter why the rapid review is closed"), await PageChecks.ErrorSummaryAsync(page));
        await page.FillAsync("#reason", "Referred twice: the same incident is reviewed under another reference.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before closing the rapid review", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Referred twice", await page.Locator("#check-reason").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Staffordshire County Council", await page.Locator("#what-happens").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-cancel-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the rapid review" }).ClickAsync();
        Assert.EndsWith($"/rapid-reviews/{id}?recorded=cancelled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Rapid review closed", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        Assert.Contains("Referred twice", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "rapid-review-cancelled");
    }

    /// <summary>The review's status as a second browser page sees it (nothing is recorded before the confirm button).</summary>
    private static async Task<string> NewStatusAsync(BrowserFixture browser, string id)
    {
        var other = await browser.NewPageAsync();
        await other.GotoAsync($"/partnerships/staffordshire/rapid-reviews/{id}");
        var status = await other.Locator("#status").InnerTextAsync();
        await other.CloseAsync();
        return status;
    }

    /// <summary>A step with only a date (today, already filled in): recorded, and back on the review with its banner.</summary>
    private static async Task RecordAsync(IPage page, string action, string banner)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = action }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
        Assert.Contains(banner, await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/forms/rapid-reviews/\S+")]
    private static partial Regex SummaryLink();
}
