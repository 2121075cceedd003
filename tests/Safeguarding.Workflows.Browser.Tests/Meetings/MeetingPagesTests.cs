using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Meetings;

/// <summary>
/// The business unit's meeting pages, from the browser only (the JSON API is used for nothing but the simulated
/// clock): schedule from the dashboard, see the meeting listed and on its page, move it, cancel another with
/// "check your answers".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MeetingPagesTests(BrowserFixture browser)
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

    [Fact]
    public async Task A_meeting_runs_from_the_pages_papers_added_and_withdrawn_an_author_uploads_from_their_email_and_its_action_is_completed()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var on = today.AddDays(40);
        var title = $"Business meeting {Guid.NewGuid().ToString("N")[..6]}";
        var id = $"{title.ToLowerInvariant().Replace(' ', '-')}-{on:yyyy-MM-dd}";

        // Scheduled with three papers: one author picked from the partnership's people, two typed in.
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/staffordshire/meetings/new");
        await page.FillAsync("#title", title);
        await FillDateAsync(page, on);
        await page.FillAsync("#time", "10am");
        await page.FillAsync("#papers-0-title", "Police performance");
        await page.SelectOptionAsync("#papers-0-person", "police.acc@staffordshire.example.org");
        await FillPaperAsync(page, 1, "Performance report", "Robin Shaw", "robin.shaw@example.org", "Staffordshire County Council");
        await FillPaperAsync(page, 2, "Learning from reviews", "Sam Patel", "sam.patel@example.org", "Staffordshire Police");
        await PageChecks.CheckAsync(page, "meeting-new-people");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule the meeting" }).ClickAsync();
        Assert.EndsWith($"/meetings/{id}?done=scheduled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Assistant Chief Constable", await page.Locator("#paper-police-performance").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await page.Locator("#papers tbody tr").CountAsync());

        // A fourth paper is added; nothing filled in first.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a paper" }).ClickAsync();
        await PageChecks.CheckAsync(page, "meeting-add-paper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the paper" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("title", "Enter the title of the paper"), errors);
        Assert.Contains(("name", "Enter the name of the author, or choose them from the list"), errors);
        await PageChecks.CheckAsync(page, "meeting-add-paper-errors");
        await page.FillAsync("#title", "Neglect audit");
        await page.SelectOptionAsync("#person", "council.dcs@staffordshire.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the paper" }).ClickAsync();
        Assert.EndsWith($"/meetings/{id}?done=paper-added&paper=neglect-audit", page.Url, StringComparison.Ordinal);
        Assert.Contains("Paper “Neglect audit” added.", await page.Locator("#meeting-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Awaited", await page.Locator("#paper-neglect-audit").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-paper-added");

        // One is withdrawn, through "check your answers".
        await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw Learning from reviews" }).ClickAsync();
        await PageChecks.CheckAsync(page, "meeting-withdraw-paper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal([("reason", "Enter why the paper is withdrawn")], await PageChecks.ErrorSummaryAsync(page));
        await page.FillAsync("#reason", "Moved to the learning and improvement group");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before withdrawing the paper", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Sam Patel will be told by email", await page.Locator("#check-told").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-withdraw-paper-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw the paper" }).ClickAsync();
        Assert.EndsWith($"/meetings/{id}?done=paper-withdrawn&paper=learning-from-reviews", page.Url, StringComparison.Ordinal);
        Assert.Contains("Sam Patel has been told by email", await page.Locator("#meeting-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Withdrawn", await page.Locator("#paper-learning-from-reviews").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("learning and improvement group", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Withdraw Learning from reviews" }).CountAsync());
        await PageChecks.CheckAsync(page, "meeting-paper-withdrawn");

        // An author uploads through the link in the request they were emailed, found on the meeting's emails page.
        await page.Locator("#meeting-emails").ClickAsync();
        var request = page.Locator("#sent-emails tbody tr", new() { HasText = "robin.shaw@example.org" });
        for (var attempt = 0; attempt < 50 && await request.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        // The withdrawn paper's author was told, by the paper's title.
        var withdrawnEmail = page.Locator("#sent-emails tbody tr", new() { HasText = "sam.patel@example.org" }).Filter(new() { HasText = "Paper withdrawn" });
        for (var attempt = 0; attempt < 50 && await withdrawnEmail.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Contains("Paper withdrawn: Learning from reviews is no longer on the agenda", await withdrawnEmail.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-emails");
        await request.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await PageChecks.CheckAsync(page, "meeting-paper-request-email");
        var link = UploadLink().Match(await page.Locator("#email-body").InnerTextAsync());
        Assert.True(link.Success);
        Assert.Contains($"/forms/meetings/staffordshire/{id}/papers/performance-report", link.Value, StringComparison.Ordinal);
        var author = await browser.NewPageAsync();
        await author.GotoAsync(link.Value);
        await PageChecks.CheckAsync(author, "meeting-author-upload");
        await author.SetInputFilesAsync("#file", new FilePayload { Name = "performance.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\nperformance"u8.ToArray() });
        await author.GetByRole(AriaRole.Button, new() { Name = "Upload the paper" }).ClickAsync();
        Assert.Equal("Paper received", (await author.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(author, "meeting-author-upload-confirmation");

        // The pack circulates as the clock passes its date; the meeting then takes place.
        await api.AtLeastAsync(new DateTimeOffset(on.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        await page.GotoAsync($"/partnerships/staffordshire/meetings/{id}");
        for (var attempt = 0; attempt < 50 && !(await page.Locator("#deadline-circulation").InnerTextAsync()).Contains("Met", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Contains("Received", await page.Locator("#paper-performance-report").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-circulated");

        // The business manager got the pack with the members and deputies.
        await page.Locator("#meeting-emails").ClickAsync();
        var pack = page.Locator("#sent-emails tbody tr", new() { HasText = "board-manager@staffordshire.example.org" });
        for (var attempt = 0; attempt < 50 && await pack.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal(1, await pack.CountAsync());
        Assert.Contains("police.acc@staffordshire.example.org", await pack.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-emails-circulated");

        // A paper added now is a late paper, flagged as such.
        await page.GotoAsync($"/partnerships/staffordshire/meetings/{id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a paper (a late paper: the agenda pack has gone)" }).ClickAsync();
        Assert.Contains("flagged as added late", await page.Locator("#late-warning").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-add-late-paper");
        await page.FillAsync("#title", "Urgent update");
        await page.FillAsync("#name", "Alex Reed");
        await page.FillAsync("#email", "alex.reed@example.org");
        await page.FillAsync("#agency", "Staffordshire Police");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the paper" }).ClickAsync();
        Assert.Contains("Added late", await page.Locator("#paper-urgent-update").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-late-paper-added");
        await page.Locator("#meeting-emails").ClickAsync();
        var lateRequest = page.Locator("#sent-emails tbody tr", new() { HasText = "alex.reed@example.org" });
        for (var attempt = 0; attempt < 50 && await lateRequest.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Contains("Paper requested: Urgent update for " + title + ", due as soon as possible", await lateRequest.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-emails-late-paper");
        await page.GotoAsync($"/partnerships/staffordshire/meetings/{id}");

        // Attendance, then the notes with an action.
        await page.GetByRole(AriaRole.Link, new() { Name = "Record attendance and declarations of interest" }).ClickAsync();
        var people = page.Locator("input[name=present]");
        for (var i = 0; i < await people.CountAsync(); i++)
        {
            await people.Nth(i).CheckAsync();
        }

        await PageChecks.CheckAsync(page, "meeting-attendance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        Assert.Equal("Attendance recorded", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "meeting-attendance-confirmation");
        await page.GetByRole(AriaRole.Link, new() { Name = "Record the notes and actions" }).ClickAsync();
        var due = on.AddDays(30);
        await page.FillAsync("#summary", "The partnership reviewed its performance.");
        await page.FillAsync("#actions-0-title", "Refresh the neglect strategy");
        await page.FillAsync("#actions-0-owner-name", "Jo Evans");
        await page.FillAsync("#actions-0-owner-email", "jo.evans@example.org");
        await page.FillAsync("#actions-0-owner-agency", "Staffordshire County Council");
        await page.FillAsync("#actions-0-dueOn-day", due.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#actions-0-dueOn-month", due.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync("#actions-0-dueOn-year", due.Year.ToString(CultureInfo.InvariantCulture));
        await PageChecks.CheckAsync(page, "meeting-notes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the notes" }).ClickAsync();
        Assert.Equal("Notes recorded", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "meeting-notes-confirmation");

        // The action is completed from the meeting's page; with it the meeting is complete.
        await page.GotoAsync($"/partnerships/staffordshire/meetings/{id}");
        Assert.Contains("Open", await page.Locator("#action-a1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Add a paper" }).CountAsync());
        await PageChecks.CheckAsync(page, "meeting-with-action");
        var markDone = page.Locator("#action-a1").GetByRole(AriaRole.Link);
        Assert.Contains("Refresh the neglect strategy", await markDone.TextContentAsync(), StringComparison.Ordinal);
        await markDone.ClickAsync();
        Assert.Equal("Refresh the neglect strategy", (await page.Locator("#check-action").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "meeting-complete-action");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark the action as done" }).ClickAsync();
        Assert.EndsWith($"/meetings/{id}?done=action-completed&action=a1", page.Url, StringComparison.Ordinal);
        Assert.Contains("Action “Refresh the neglect strategy” marked as done. Every action is done: the meeting is complete.", await page.Locator("#meeting-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Done", await page.Locator("#action-a1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Completed", (await page.Locator("#status").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "meeting-action-completed");
    }

    [Fact]
    public async Task A_recurring_meeting_is_set_up_and_changed_from_the_meetings_list_and_schedules_its_next_meetings_once()
    {
        using var api = new ServiceApi(browser.Service);
        var first = (await api.TodayAsync()).AddDays(20);
        var title = $"Quality group {Guid.NewGuid().ToString("N")[..6]}";
        var seriesId = title.ToLowerInvariant().Replace(' ', '-');

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/staffordshire/meetings");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up a recurring meeting" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/meeting-series", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-series-new");
        await page.FillAsync("#ahead", "20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the recurring meeting" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("title", "Enter the title of the meeting"), errors);
        Assert.Contains(("date-day", "Enter the date of the first meeting"), errors);
        Assert.Contains(("ahead", "Enter how many meetings to keep scheduled, a whole number from 1 to 12"), errors);
        await PageChecks.CheckAsync(page, "meeting-series-errors");

        await page.FillAsync("#title", title);
        await FillDateAsync(page, first);
        await page.FillAsync("#time", "2pm");
        await page.FillAsync("#location", "Microsoft Teams");
        await page.FillAsync("#ahead", "2");
        await page.FillAsync("#papers-0-title", "Quality assurance report");
        await page.SelectOptionAsync("#papers-0-person", "police.acc@staffordshire.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the recurring meeting" }).ClickAsync();
        Assert.Contains($"Recurring meeting “{title}” saved. 2 meetings were scheduled.", await page.Locator("#meetings-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Every month on the", await page.Locator($"#series-{seriesId}").InnerTextAsync(), StringComparison.Ordinal);
        var firstId = $"{seriesId}-{first:yyyy-MM}";
        var secondId = $"{seriesId}-{first.AddMonths(1):yyyy-MM}";
        Assert.Equal(1, await page.Locator($"#upcoming #meeting-{firstId}").CountAsync());
        Assert.Equal(1, await page.Locator($"#upcoming #meeting-{secondId}").CountAsync());
        await PageChecks.CheckAsync(page, "meeting-series-saved");

        // Each meeting asks for the standing paper.
        await page.Locator($"#meeting-{secondId}").GetByRole(AriaRole.Link).First.ClickAsync();
        Assert.Contains("Assistant Chief Constable", await page.Locator("#paper-quality-assurance-report").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "meeting-series-meeting");

        // Changed to keep three ahead: only the third is new.
        await page.GotoAsync("/partnerships/staffordshire/meetings");
        await page.Locator($"#series-{seriesId}").GetByRole(AriaRole.Link).ClickAsync();
        Assert.Equal(title, await page.InputValueAsync("#title"));
        Assert.Equal("police.acc@staffordshire.example.org", await page.InputValueAsync("#papers-0-person"));
        await PageChecks.CheckAsync(page, "meeting-series-change");
        await page.FillAsync("#ahead", "3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the recurring meeting" }).ClickAsync();
        Assert.Contains("1 meeting was scheduled.", await page.Locator("#meetings-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator($"#upcoming #meeting-{seriesId}-{first.AddMonths(2):yyyy-MM}").CountAsync());
        Assert.Equal(3, await page.Locator($"#upcoming tr[id^='meeting-{seriesId}-']").CountAsync());
        await PageChecks.CheckAsync(page, "meeting-series-changed");
    }

    [GeneratedRegex(@"https?://\S+/forms/meetings/\S+")]
    private static partial Regex UploadLink();

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
