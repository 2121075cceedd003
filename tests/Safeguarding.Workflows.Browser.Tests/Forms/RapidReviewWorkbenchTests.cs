using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

/// <summary>A rapid review run from the browser alone, from the dashboard to "sent to the Panel" (no JSON API call but the clock).</summary>
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

        // Sent to the Panel: the decision is asked for, then the review ends.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record that the rapid review was sent to the Panel" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the rapid review was sent to the Panel" }).ClickAsync();
        Assert.Contains(("decision", "Select the decision sent to the Panel"), await PageChecks.ErrorSummaryAsync(page));
        await page.GetByLabel("No further review").CheckAsync();
        await PageChecks.CheckAsync(page, "rapid-review-record-submitted");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the rapid review was sent to the Panel" }).ClickAsync();
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
