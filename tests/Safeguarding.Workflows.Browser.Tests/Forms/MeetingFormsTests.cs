using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

[Collection(BrowserCollection.Name)]
public sealed class MeetingFormsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_paper_is_uploaded_from_its_request_link_and_a_wrong_file_is_refused_on_the_field()
    {
        using var api = new ServiceApi(browser.Service);
        var id = ServiceApi.Unique("board-2026");
        var startsAt = (await api.NowAsync()).AddDays(30);
        var meeting = await api.PutAsync($"/api/partnerships/staffordshire/meetings/{id}", new
        {
            title = "Partnership board",
            startsAt,
            location = "County Buildings",
            papers = new[] { new { id = "performance", title = "Performance report", author = new { name = "Robin Shaw", email = "robin.shaw@example.org", agency = "Staffordshire County Council" } } },
        });
        Assert.Equal($"/forms/meetings/staffordshire/{id}/papers/performance", meeting.GetProperty("papers")[0].GetProperty("uploadLink").GetString());

        // The form opens from the link in the paper request the author was emailed.
        var link = await api.LinkInEmailAsync(id, $"/forms/meetings/staffordshire/{id}/papers/performance");

        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);
        await PageChecks.CheckAsync(page, "paper-upload");

        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the paper" }).ClickAsync();
        Assert.Equal([("file", "Select the paper to upload")], await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "paper-upload-errors");

        await page.SetInputFilesAsync("#file", new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "not a paper"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the paper" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal("file", Assert.Single(errors).Target);
        Assert.Contains(".txt", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("awaited", (await api.GetAsync($"/api/partnerships/staffordshire/meetings/{id}")).GetProperty("papers")[0].GetProperty("status").GetString());

        // Larger than the host's 1 MiB default body limit: the form takes what the API takes (Meetings:MaxPaperBytes).
        var pdf = new byte[3 * 1024 * 1024];
        "%PDF-1.4\n"u8.CopyTo(pdf);
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "performance.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload the paper" }).ClickAsync();
        Assert.Equal("Paper received", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "paper-upload-confirmation");

        var paper = (await api.GetAsync($"/api/partnerships/staffordshire/meetings/{id}")).GetProperty("papers")[0];
        Assert.Equal("received", paper.GetProperty("status").GetString());
        Assert.Equal("performance.pdf", paper.GetProperty("fileName").GetString());
        Assert.Equal(1, paper.GetProperty("version").GetInt32());
        Assert.Equal(pdf.Length, paper.GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task Attendance_gives_the_quorum_and_notes_with_actions_are_recorded()
    {
        using var api = new ServiceApi(browser.Service);
        var id = ServiceApi.Unique("exec-2026");
        var now = await api.NowAsync();
        await api.PutAsync($"/api/partnerships/solihull/meetings/{id}", new
        {
            title = "Executive",
            startsAt = now.AddHours(2),
            papers = Array.Empty<object>(),
        });
        await api.AdvanceAsync("PT3H"); // attendance is taken once the meeting has started

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/forms/meetings/solihull/{id}/attendance");
        await PageChecks.CheckAsync(page, "attendance");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        Assert.Equal([("present", "Select who was present")], await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "attendance-errors");

        // Everyone listed is present, and one declaration is half filled in.
        var people = page.Locator("input[name=present]");
        for (var i = 0; i < await people.CountAsync(); i++)
        {
            await people.Nth(i).CheckAsync();
        }

        await page.FillAsync("#declarations-0-agency", "Solihull Metropolitan Borough Council");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("declarations-0-role", "Enter the role of the person declaring interest 1"), errors);
        Assert.Contains(("declarations-0-interest", "Enter the interest declared in declaration 1"), errors);
        Assert.True(await page.Locator("input[name=present]:checked").CountAsync() == await people.CountAsync(), "The ticked boxes stay ticked.");

        await page.FillAsync("#declarations-0-role", "Director of Children's Services");
        await page.FillAsync("#declarations-0-interest", "Trustee of a charity bidding for the early help contract");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record attendance" }).ClickAsync();
        Assert.Equal("Attendance recorded", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        Assert.Contains("was quorate", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "attendance-confirmation");
        var attendance = (await api.GetAsync($"/api/partnerships/solihull/meetings/{id}")).GetProperty("attendance");
        Assert.True(attendance.GetProperty("quorate").GetBoolean());
        Assert.Equal(1, attendance.GetProperty("declarations").GetArrayLength());

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the notes and actions" }).ClickAsync();
        await PageChecks.CheckAsync(page, "notes");
        await page.FillAsync("#actions-0-title", "Refresh the neglect strategy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the notes" }).ClickAsync();
        errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("summary", "Enter the notes of the meeting"), errors);
        Assert.Contains(("actions-0-owner-name", "Enter the name of the owner of action 1"), errors);
        Assert.Contains(("actions-0-dueOn-day", "Enter the date action 1 is due"), errors);
        await PageChecks.FollowErrorLinkAsync(page, "actions-0-dueOn-day");
        await PageChecks.CheckAsync(page, "notes-errors");

        var due = (await api.TodayAsync()).AddDays(40);
        await page.FillAsync("#summary", "The partnership agreed its priorities.\nThe neglect strategy is to be refreshed.");
        await page.FillAsync("#actions-0-owner-name", "Jo Evans");
        await page.FillAsync("#actions-0-owner-email", "jo.evans@example.org");
        await page.FillAsync("#actions-0-owner-agency", "Solihull Metropolitan Borough Council");
        await page.FillAsync("#actions-0-dueOn-day", due.Day.ToString());
        await page.FillAsync("#actions-0-dueOn-month", due.Month.ToString());
        await page.FillAsync("#actions-0-dueOn-year", due.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the notes" }).ClickAsync();
        Assert.Equal("Notes recorded", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "notes-confirmation");

        var recorded = await api.GetAsync($"/api/partnerships/solihull/meetings/{id}");
        Assert.StartsWith("The partnership agreed its priorities.", recorded.GetProperty("notes").GetProperty("summary").GetString(), StringComparison.Ordinal);
        var action = Assert.Single(recorded.GetProperty("actions").EnumerateArray());
        Assert.Equal("a1", action.GetProperty("id").GetString());
        Assert.Equal(due.ToString("yyyy-MM-dd"), action.GetProperty("dueOn").GetString());
        Assert.Equal("jo.evans@example.org", action.GetProperty("owner").GetProperty("email").GetString());
    }
}
