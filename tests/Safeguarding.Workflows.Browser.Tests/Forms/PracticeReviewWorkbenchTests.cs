using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

/// <summary>A practice review run from the browser alone, from the dashboard to publication (no JSON API call but the clock).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PracticeReviewWorkbenchTests(BrowserFixture browser)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task Staff_start_a_practice_review_record_every_step_as_the_months_pass_and_publish_it()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var reference = $"LCSPR-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var id = reference.ToLowerInvariant();
        var page = await browser.NewPageAsync();

        // From the dashboard to the list, and from the list to the form.
        await page.GotoAsync("/partnerships/staffordshire");
        await page.Locator("#practice-reviews").ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/practice-reviews", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-reviews");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a practice review" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/practice-reviews/new", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-review-new");

        // Nothing answered: each error on its field. Then the reference typed in lower case, stored in upper case.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the practice review" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("caseReference", "Enter the case reference"), errors);
        Assert.Contains(("decidedOn-day", "Enter the date the partners decided to commission the review"), errors);
        await PageChecks.CheckAsync(page, "practice-review-new-errors");
        Assert.Equal("", await page.Locator("#rapidReviewId").InputValueAsync());
        await page.FillAsync("#caseReference", id);
        await FillDateAsync(page, "decidedOn", today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the practice review" }).ClickAsync();
        Assert.EndsWith($"/partnerships/staffordshire/practice-reviews/{id}?recorded=opened", page.Url, StringComparison.Ordinal);
        Assert.Contains("Practice review started", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(reference, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(Show.Date(today), (await page.Locator("#summary-decided-on").InnerTextAsync()).Trim());
        Assert.Contains(Show.Date(today.AddMonths(6)), await page.Locator("#deadline-publication").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#deadline-publication .app-provisional").CountAsync());
        Assert.Contains(Show.Date(today.AddMonths(1)), await page.Locator("#deadline-checkpoint-1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#deadline-checkpoint-1 .app-provisional").CountAsync());
        Assert.Equal(0, await page.Locator("#record-withdrawn").CountAsync());
        Assert.Equal(0, await page.Locator("#delay-reason").CountAsync());
        await PageChecks.CheckAsync(page, "practice-review-opened");

        await page.GotoAsync("/partnerships/staffordshire/practice-reviews");
        var row = page.Locator($"#review-{id}");
        Assert.Contains("Monitoring checkpoint 1", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Open", await row.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-reviews-with-one");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();

        await RecordAsync(page, "Record that the reviewer was appointed", "Reviewer appointment recorded", "practice-review-record-reviewer");
        Assert.Equal(Show.Date(today), (await page.Locator("#summary-reviewer-appointed").InnerTextAsync()).Trim());

        // A recommendation: refused field by field when blank, then an action with its owner.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a recommendation" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a recommendation" }).ClickAsync();
        errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("title", "Enter the recommendation"), errors);
        Assert.Contains(("owner-email", "Enter the owner's email address"), errors);
        Assert.Contains(("dueOn-day", "Enter the date the action is due"), errors);
        await PageChecks.CheckAsync(page, "practice-review-recommendation-errors");
        var actionDue = today.AddDays(20);
        await page.FillAsync("#title", "Agree an out-of-hours information sharing protocol between police and children's social care.");
        await page.FillAsync("#owner-name", "Dana Whitfield");
        await page.FillAsync("#owner-email", "dana.whitfield@example.org");
        await page.FillAsync("#owner-agency", "Staffordshire Police");
        await FillDateAsync(page, "dueOn", actionDue);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a recommendation" }).ClickAsync();
        Assert.Contains("Recommendation added", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        var action = await page.Locator("#action-1").InnerTextAsync();
        Assert.Contains("Dana Whitfield", action, StringComparison.Ordinal);
        Assert.Contains(Show.Date(actionDue), action, StringComparison.Ordinal);
        Assert.Contains("Open", action, StringComparison.Ordinal);

        // The owner's email, found among this review's emails, links to the action's page.
        await page.Locator("#process-emails").ClickAsync();
        var assigned = page.Locator("#sent-emails tbody tr", new() { HasText = "dana.whitfield@example.org" });
        for (var attempt = 0; attempt < 50 && await assigned.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        await PageChecks.CheckAsync(page, "practice-review-emails");
        await assigned.First.GetByRole(AriaRole.Link).First.ClickAsync();
        var body = await page.Locator("#email-body").InnerTextAsync();
        var link = ActionLink().Match(body);
        Assert.True(link.Success, body);
        await page.GotoAsync(link.Value);
        Assert.Equal("Action 1", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("Dana Whitfield (Staffordshire Police)", (await page.Locator("#action-owner").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "practice-review-action");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the whole practice review" }).ClickAsync();

        // The publication plan: the sending deadline is counted back from it, and can move while the plan can.
        var plannedOn = today.AddDays(49);
        await page.GetByRole(AriaRole.Link, new() { Name = "Plan the publication" }).ClickAsync();
        await FillDateAsync(page, "plannedOn", plannedOn);
        await PageChecks.CheckAsync(page, "practice-review-record-plan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan the publication" }).ClickAsync();
        Assert.Contains("Publication plan recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Show.Date(plannedOn), (await page.Locator("#summary-planned-on").InnerTextAsync()).Trim());
        var sending = page.Locator("#deadline-pre-publication-sending");
        Assert.Equal(1, await sending.Locator(".app-provisional").CountAsync());
        var sendBy = DateOnly.ParseExact((await sending.Locator("td").First.InnerTextAsync()).Split('\n')[0].Trim(), "d MMMM yyyy", English);
        Assert.True(sendBy < plannedOn.AddDays(-8), $"{sendBy} is not 7 working days before {plannedOn}");
        await PageChecks.CheckAsync(page, "practice-review-planned");

        // A month on, the first checkpoint has passed unrecorded: it is overdue, and a delay reason is asked for.
        var checkpoint = today.AddMonths(1);
        await MoveToAsync(api, checkpoint.AddDays(1));
        await page.GotoAsync($"/partnerships/staffordshire/practice-reviews/{id}");
        for (var attempt = 0; attempt < 50 && await page.Locator("#delay-reason").CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal("Overdue", (await page.Locator("#deadline-checkpoint-1 .govuk-tag").InnerTextAsync()).Trim());
        Assert.Contains("Overdue", await page.Locator("#action-1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-review-overdue");
        await page.Locator("#delay-reason").ClickAsync();
        Assert.Contains("Monitoring checkpoint 1", await page.Locator("#late").InnerTextAsync(), StringComparison.Ordinal);
        await page.FillAsync("#reason", "The partners' meeting moved for the reviewer's availability.");
        await PageChecks.CheckAsync(page, "practice-review-record-delay-reason");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give a reason for a delay" }).ClickAsync();
        Assert.Contains("Delay reason recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("The partners' meeting moved", await page.Locator("#delay-reasons").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Record a monitoring checkpoint" }).ClickAsync();
        Assert.True(await page.GetByLabel("Checkpoint 1").IsCheckedAsync());
        await PageChecks.CheckAsync(page, "practice-review-record-checkpoint");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a monitoring checkpoint" }).ClickAsync();
        Assert.Contains("Monitoring checkpoint recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Met late", (await page.Locator("#deadline-checkpoint-1 .govuk-tag").InnerTextAsync()).Trim());

        await page.GetByRole(AriaRole.Link, new() { Name = "Record that an action was completed" }).ClickAsync();
        await page.GetByLabel(new Regex("^1\\. Agree an out-of-hours")).CheckAsync();
        await PageChecks.CheckAsync(page, "practice-review-record-action-completed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that an action was completed" }).ClickAsync();
        Assert.Contains("Action completed", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Completed", await page.Locator("#action-1").InnerTextAsync(), StringComparison.Ordinal);

        // On the day the final report must go, it goes to the Panel and the Secretary of State: on time.
        await MoveToAsync(api, sendBy);
        await page.GotoAsync($"/partnerships/staffordshire/practice-reviews/{id}");
        await RecordAsync(page, "Record that the final report was sent to the Panel and the Secretary of State", "Sending to the Panel and the Secretary of State recorded", "practice-review-record-sent");
        Assert.Equal("Met", (await page.Locator("#deadline-pre-publication-sending .govuk-tag").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#deadline-pre-publication-sending .app-provisional").CountAsync());

        // Publication day: the address, then check your answers (it cannot be undone), then recorded.
        await MoveToAsync(api, plannedOn);
        await page.GotoAsync($"/partnerships/staffordshire/practice-reviews/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record the publication" }).ClickAsync();
        await page.FillAsync("#url", "not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains(("url", "Give the full address (https://...) where it is published"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "practice-review-record-published-errors");
        var url = $"https://www.staffordshire.example/practice-reviews/{id}";
        await page.FillAsync("#url", url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before recording the publication", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(Show.Date(plannedOn), (await page.Locator("#check-on").InnerTextAsync()).Trim());
        Assert.Equal(url, (await page.Locator("#check-url").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#warnings").CountAsync());
        await PageChecks.CheckAsync(page, "practice-review-check-publication");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the publication" }).ClickAsync();
        Assert.EndsWith($"/practice-reviews/{id}?recorded=published", page.Url, StringComparison.Ordinal);
        Assert.Contains("Publication recorded", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Show.Date(plannedOn), (await page.Locator("#summary-published-on").InnerTextAsync()).Trim());
        Assert.Equal("Met", (await page.Locator("#deadline-publication .govuk-tag").InnerTextAsync()).Trim());
        Assert.Contains(Show.Date(plannedOn.AddMonths(12)), await page.Locator("#deadline-publication-period").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Waived", (await page.Locator("#deadline-checkpoint-2 .govuk-tag").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#record-published").CountAsync());
        Assert.Equal(0, await page.Locator("#record-checkpoint-held").CountAsync());
        Assert.Equal(1, await page.Locator("#record-withdrawn").CountAsync());
        var history = await page.Locator("#timeline").InnerTextAsync();
        Assert.Contains($"Published: report on {Show.Date(plannedOn)}", history, StringComparison.Ordinal);
        Assert.Contains($"Delay reason: monitoring checkpoint 1: The partners' meeting moved", history, StringComparison.Ordinal);
        Assert.Contains($"Recommendation added: action 1 due {Show.Date(actionDue)}", history, StringComparison.Ordinal);
        Assert.Contains($"Sent to the Panel and the Secretary of State: on {Show.Date(sendBy)}", history, StringComparison.Ordinal);
        Assert.DoesNotContain("link:", history, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-review-published");

        // Taking it down within the year is a warning to confirm; the form is looked at, not sent.
        await page.Locator("#record-withdrawn").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Contains($"It must stay published until {Show.Date(plannedOn.AddMonths(12))}", await page.Locator("#warnings").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record that the publication was taken down" }).ClickAsync();
        Assert.Contains(("understood", "Confirm that you have read the warning"), await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "practice-review-check-withdrawn");

        await page.GotoAsync("/partnerships/staffordshire/practice-reviews");
        Assert.Contains("Keeping the report published for a year", await page.Locator($"#review-{id}").InnerTextAsync(), StringComparison.Ordinal);
    }

    /// <summary>A step with only a date (today, already filled in): recorded, and back on the review with its banner.</summary>
    private static async Task RecordAsync(IPage page, string action, string banner, string screenshot)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = action }).ClickAsync();
        await PageChecks.CheckAsync(page, screenshot);
        await page.GetByRole(AriaRole.Button, new() { Name = action }).ClickAsync();
        Assert.Contains(banner, await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_practice_review_started_twice_is_cancelled_through_check_your_answers()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var id = $"lcspr-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/staffordshire/practice-reviews/new");
        await page.FillAsync("#caseReference", id);
        await FillDateAsync(page, "decidedOn", today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the practice review" }).ClickAsync();

        await page.Locator("#cancel").ClickAsync();
        Assert.EndsWith($"/practice-reviews/{id}/cancel", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-review-cancel");
        await page.FillAsync("#reason", "Started twice for the same case.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before cancelling the practice review", (await page.Locator("h1").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "practice-review-cancel-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the practice review" }).ClickAsync();

        Assert.EndsWith($"/practice-reviews/{id}?recorded=cancelled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Practice review cancelled", await page.Locator("#recorded").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#cancel").CountAsync());
        Assert.Contains("Started twice for the same case.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "practice-review-cancelled");
    }

    private static async Task FillDateAsync(IPage page, string id, DateOnly date)
    {
        await page.FillAsync($"#{id}-day", date.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{id}-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{id}-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The simulated clock to midday (UTC) on a London date, as the review's months pass.</summary>
    private static Task MoveToAsync(ServiceApi api, DateOnly date) =>
        api.AtLeastAsync(new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    [GeneratedRegex(@"https?://\S+/partnerships/staffordshire/practice-reviews/\S+/actions/1\b")]
    private static partial Regex ActionLink();
}
