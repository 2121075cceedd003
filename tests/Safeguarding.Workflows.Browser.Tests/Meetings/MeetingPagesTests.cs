using System.Globalization;
using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Meetings;

/// <summary>
/// The business unit's meeting pages, from the browser only (the JSON API is used for nothing but the simulated
/// clock): schedule from the dashboard, see the meeting listed and on its page, move it, cancel another with
/// "check your answers".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingPagesTests(BrowserFixture browser)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task A_meeting_is_scheduled_with_two_papers_moved_and_another_cancelled_from_the_pages()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var on = today.AddDays(40);
        // Each browser run has its own storage, and no other test schedules these titles: the ids are known.
        const string title = "Partnership executive";

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/staffordshire");
        await page.Locator("#kind-links").GetByRole(AriaRole.Link, new() { Name = "Schedule a meeting" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/meetings/new", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-new");

        // Nothing filled in; then a third paper with a title only.
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        Assert.Equal(
            [("title", "Enter the title of the meeting"), ("date-day", "Enter the date of the meeting"), ("time", "Enter the start time")],
            await PageChecks.ErrorSummaryAsync(page));

        await page.FillAsync("#title", title);
        await FillDateAsync(page, on);
        await page.FillAsync("#time", "10am");
        await page.FillAsync("#location", "County Buildings, Stafford");
        await FillPaperAsync(page, 0, "Performance report", "Robin Shaw", "robin.shaw@example.org", "Staffordshire County Council");
        await FillPaperAsync(page, 1, "Neglect strategy update", "Sam Patel", "sam.patel", "Staffordshire Police");
        await page.FillAsync("#papers-2-title", "Learning from reviews");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("papers-1-email", "Enter the email address of the author of paper 2 in the correct format, like name@example.com"), errors);
        Assert.Contains(("papers-2-name", "Enter the name of the author of paper 3, or choose them from the list"), errors);
        Assert.Equal(title, await page.InputValueAsync("#title"));
        await PageChecks.CheckAsync(page, "meeting-new-errors");

        await page.FillAsync("#papers-1-email", "sam.patel@example.org");
        await page.FillAsync("#papers-2-title", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();

        // Post/Redirect/Get to the meeting's own page (not the generic process page).
        var id = $"partnership-executive-{on:yyyy-MM-dd}";
        Assert.EndsWith($"/partnerships/staffordshire/meetings/{id}?done=scheduled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Meeting scheduled", await page.Locator("#meeting-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(on.ToString("d MMMM yyyy", English), (await page.Locator("#summary-date").InnerTextAsync()).Trim());
        Assert.StartsWith("10:00am to 12:00pm", (await page.Locator("#summary-time").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.Equal("County Buildings, Stafford", (await page.Locator("#summary-place").InnerTextAsync()).Trim());
        Assert.Equal("Attendance not recorded yet", (await page.Locator("#summary-quorum").InnerTextAsync()).Trim());
        Assert.Equal(2, await page.Locator("#papers tbody tr").CountAsync());
        Assert.Contains("Awaited", await page.Locator("#paper-performance-report").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Robin Shaw", await page.Locator("#paper-performance-report").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Pending", await page.Locator("#deadline-circulation").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"You can record attendance, then the notes and actions, from {on.ToString("d MMMM yyyy", English)}", await page.Locator("#attendance-from").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("“Performance report”: due", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"/partnerships/staffordshire/emails?process={id}", await page.Locator("#meeting-emails").GetAttributeAsync("href"));
        Assert.Matches(@"\d{1,2} [A-Z][a-z]+ 20\d\d at \d{1,2}:\d\d[ap]m", await page.Locator("#timeline").InnerTextAsync());
        await PageChecks.CheckAsync(page, "meeting");

        // Listed among the upcoming meetings, with its papers and circulation date.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to meetings" }).ClickAsync();
        var row = await page.Locator($"#upcoming #meeting-{id}").InnerTextAsync();
        Assert.Contains(on.ToString("d MMMM yyyy", English), row, StringComparison.Ordinal);
        Assert.Contains("0 of 2", row, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meetings");

        // Moved a week later, to the afternoon.
        await page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Move the meeting to another date or time" }).ClickAsync();
        Assert.Equal("10:00", await page.InputValueAsync("#time"));
        await PageChecks.CheckAsync(page, "meeting-reschedule");
        await page.FillAsync("#time", "teatime");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();
        Assert.Equal([("time", "Enter the start time as a time of day, like 10:00 or 2pm")], await PageChecks.ErrorSummaryAsync(page));
        var moved = on.AddDays(7);
        await FillDateAsync(page, moved);
        await page.FillAsync("#time", "2:30pm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move the meeting" }).ClickAsync();
        Assert.EndsWith($"/meetings/{id}?done=rescheduled", page.Url, StringComparison.Ordinal);
        Assert.Contains($"Meeting moved to {moved.ToString("d MMMM yyyy", English)} at 2:30pm", await page.Locator("#meeting-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(moved.ToString("d MMMM yyyy", English), (await page.Locator("#summary-date").InnerTextAsync()).Trim());
        Assert.Contains("Rescheduled", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-rescheduled");

        // Another meeting, cancelled through "check your answers".
        await page.GotoAsync("/partnerships/staffordshire/meetings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule a meeting" }).ClickAsync();
        const string other = "Extraordinary meeting";
        await page.FillAsync("#title", other);
        await FillDateAsync(page, on);
        await page.FillAsync("#time", "09:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        var otherId = $"extraordinary-meeting-{on:yyyy-MM-dd}";
        Assert.EndsWith($"/meetings/{otherId}?done=scheduled", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel the meeting" }).ClickAsync();
        await PageChecks.CheckAsync(page, "meeting-cancel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal([("reason", "Enter why the meeting is cancelled")], await PageChecks.ErrorSummaryAsync(page));
        await page.FillAsync("#reason", "The business it was called for is now on the executive's agenda.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before cancelling the meeting", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("executive's agenda", await page.Locator("#check-reason").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-cancel-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel the meeting" }).ClickAsync();
        Assert.EndsWith($"/meetings/{otherId}?done=cancelled", page.Url, StringComparison.Ordinal);
        Assert.Equal("Cancelled", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        Assert.Contains("executive's agenda", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-cancelled");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to meetings" }).ClickAsync();
        Assert.Contains("Cancelled", await page.Locator($"#past #meeting-{otherId}").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"#upcoming #meeting-{id}").CountAsync());

        // The dashboard's count of open meetings leads to the same list.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" }).ClickAsync();
        await page.Locator("#open-by-kind a", new() { HasText = "open meetings" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/meetings", page.Url, StringComparison.Ordinal);
    }

    private static async Task FillDateAsync(IPage page, DateOnly date)
    {
        await page.FillAsync("#date-day", date.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#date-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#date-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task FillPaperAsync(IPage page, int row, string title, string name, string email, string agency)
    {
        await page.FillAsync($"#papers-{row}-title", title);
        await page.FillAsync($"#papers-{row}-name", name);
        await page.FillAsync($"#papers-{row}-email", email);
        await page.FillAsync($"#papers-{row}-agency", agency);
    }
}
