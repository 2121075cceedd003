using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Browser.Tests.Reports;

/// <summary>An annual report run from the browser alone, from the dashboard to the submission evidence (no JSON API call but the clock).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AnnualReportWorkbenchTests(BrowserFixture browser)
{
    private const string P = "staffordshire";

    [Fact]
    public async Task Staff_open_a_year_an_owner_sends_sections_staff_compile_preview_and_publish_with_the_missing_sections_confirmed()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        // The latest reporting year that has ended (it runs from 1 April to 31 March), so that it can be published today.
        var first = today.Month >= 4 ? today.Year - 1 : today.Year - 2;
        var year = $"{first}-{(first + 1) % 100:00}";
        var page = await browser.NewPageAsync();

        // From the dashboard to the list, and from the list to "open a reporting year".
        await page.GotoAsync($"/partnerships/{P}");
        await page.Locator("#annual-reports").ClickAsync();
        Assert.EndsWith($"/partnerships/{P}/annual-reports", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-reports");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open a reporting year" }).ClickAsync();
        Assert.EndsWith($"/partnerships/{P}/annual-reports/new", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-report-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the reporting year" }).ClickAsync();
        Assert.Equal(("year", "Select the reporting year to open"), Assert.Single(await PageChecks.ErrorSummaryAsync(page)));
        await PageChecks.CheckAsync(page, "annual-report-new-errors");
        await page.GetByLabel(year, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the reporting year" }).ClickAsync();

        // The year's page: the banner, the deadlines, every section awaited on the task list; compiling waits for sections 1 and 2.
        Assert.EndsWith($"/partnerships/{P}/annual-reports/{year}?done=opened", page.Url, StringComparison.Ordinal);
        Assert.Contains($"Reporting year {year} opened", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal($"Annual report {year}", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(Show.Date(new DateOnly(first + 1, 9, 30)), await page.Locator("#deadline-publication").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#deadline-submission .app-provisional").CountAsync());
        var sections = await page.Locator("#sections > li").CountAsync();
        Assert.True(sections >= 15, $"{sections} sections");
        Assert.Contains("Board Manager", await page.Locator("#section-1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#compile").CountAsync());
        Assert.Contains("once mandatory sections 1 and 2 have text", await page.Locator("#compile-when").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-report-opened");

        // The owner of sections 1 and 2 (and seven more) gets one email listing them, found among this report's emails,
        // and writes the two required ones from the links it carries.
        await page.Locator("#process-emails").ClickAsync();
        var request = page.Locator("#sent-emails tbody tr", new() { HasText = "board-manager@staffordshire.example.org" }).Filter(new() { HasText = "please write" });
        for (var attempt = 0; attempt < 50 && await request.CountAsync() == 0; attempt++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        Assert.Equal(1, await request.CountAsync());
        await PageChecks.CheckAsync(page, "annual-report-emails");
        await request.GetByRole(AriaRole.Link).First.ClickAsync();
        var body = await page.Locator("#email-body").InnerTextAsync();
        await PageChecks.CheckAsync(page, "annual-report-owner-email");
        var owner = await browser.NewPageAsync();
        foreach (var number in new[] { 1, 2 })
        {
            var link = SectionLink().Matches(body).Select(m => m.Value).SingleOrDefault(l => l.Contains($"/forms/annual-reports/{P}/{year}/sections/{number}?", StringComparison.Ordinal));
            Assert.True(link is not null, body);

            await owner.GotoAsync(link);
            await PageChecks.CheckAsync(owner, $"annual-report-owner-section-{number}");
            await owner.FillAsync("#text", $"## Section {number}\n\nWhat the partnership did this year.\n\n| Quarter | Referrals |\n|---|---|\n| Q1 | 120 |\n| Q2 | 135 |");
            await owner.FillAsync("#contributor-name", "Board Manager");
            await owner.FillAsync("#contributor-email", "board-manager@staffordshire.example.org");
            await owner.FillAsync("#contributor-agency", "Staffordshire Safeguarding Children Partnership");
            await owner.GetByRole(AriaRole.Button, new() { Name = "Send the section" }).ClickAsync();
            Assert.Equal($"Section {number} received", (await owner.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        }

        // Staff see both received, remind the other owners, and compile.
        await page.GotoAsync($"/partnerships/{P}/annual-reports/{year}");
        Assert.Equal("Received", (await page.Locator("#section-1-status").InnerTextAsync()).Trim());
        Assert.Equal("Received", (await page.Locator("#section-2-status").InnerTextAsync()).Trim());
        Assert.Contains($"2 of {sections} sections received", await page.Locator("#sections-received").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Remind the owners of the sections not received" }).ClickAsync();
        Assert.Contains("Owners reminded", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"Sections {string.Join(", ", Enumerable.Range(3, sections - 2))} asked of their owners again", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Compile the report from the sections received" }).ClickAsync();
        Assert.EndsWith($"/annual-reports/{year}?done=compiled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Report compiled (compilation 1)", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"with 2 of {sections} sections; its appendix holds the year’s timeliness and attendance tables", await page.Locator("#compiled").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-report-compiled");

        // The Word document downloads from the page route; the preview opens as a web page, its pipe table a table.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-word").ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        await page.Locator("#preview").ClickAsync();
        Assert.EndsWith($"/partnerships/{P}/annual-reports/{year}/documents/annual-report.html", page.Url, StringComparison.Ordinal);
        Assert.True(await page.Locator("main table th").CountAsync() >= 2);
        Assert.Equal(
            ["Timeliness of deadlines", "What agencies were asked to send", "Attendance at partnership meetings"],
            (await page.Locator("section[aria-labelledby=appendix] h3").AllInnerTextsAsync()).Select(h => h.Trim()));
        Directory.CreateDirectory(PageChecks.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageChecks.ScreenshotFolder, "annual-report-preview.png"), FullPage = true });
        var violations = await Axe.RunAsync(page);
        Assert.True(violations.Count == 0, $"accessibility violations:\n{string.Join('\n', violations)}");
        await page.GoBackAsync();

        // Publishing: the date (today, filled in) and the address, then check your answers listing the missing sections.
        await page.Locator("#publish").ClickAsync();
        Assert.EndsWith($"/annual-reports/{year}/publish", page.Url, StringComparison.Ordinal);
        Assert.Equal(today.Day.ToString(), await page.InputValueAsync("#on-day"));
        await PageChecks.CheckAsync(page, "annual-report-publish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal(("url", "Enter the web address of the published report"), Assert.Single(await PageChecks.ErrorSummaryAsync(page)));
        await PageChecks.CheckAsync(page, "annual-report-publish-errors");
        var url = $"https://www.staffordshire.example.org/annual-report-{year}";
        await page.FillAsync("#url", url);
        // A date to come is refused before check your answers, by the report's own rule.
        await page.FillAsync("#on-year", (today.Year + 1).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal(("on-day", $"The publication date cannot be in the future (today is {Show.Date(today)})"), Assert.Single(await PageChecks.ErrorSummaryAsync(page)));
        await page.FillAsync("#on-year", today.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before publishing the report", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(Show.Date(today), (await page.Locator("#check-on").InnerTextAsync()).Trim());
        Assert.Equal(url, (await page.Locator("#check-url").InnerTextAsync()).Trim());
        Assert.Equal(sections - 2, await page.Locator("#missing-sections li").CountAsync());
        Assert.Equal(0, await page.Locator("#missing-mandatory").CountAsync());
        await PageChecks.CheckAsync(page, "annual-report-check-answers");

        // Not confirmed: asked again, nothing sent; confirmed: published, and back on the year's page with the evidence.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send the report" }).ClickAsync();
        var error = Assert.Single(await PageChecks.ErrorSummaryAsync(page));
        Assert.Equal("confirm-missing", error.Target);
        await PageChecks.CheckAsync(page, "annual-report-check-answers-errors");
        await page.GetByLabel($"I want to send the report with {sections - 2} sections missing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send the report" }).ClickAsync();
        Assert.EndsWith($"/annual-reports/{year}?done=published", page.Url, StringComparison.Ordinal);
        Assert.Contains("sent to the Panel and to Foundations", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Completed", (await page.Locator("#status").InnerTextAsync()).Trim());
        Assert.Equal(0, await page.Locator("#actions").CountAsync());
        Assert.Contains($"Published on {Show.Date(today)}", await page.Locator("#published").InnerTextAsync(), StringComparison.Ordinal);
        foreach (var to in new[] { "panel", "foundations" })
        {
            var row = await page.Locator($"#submission-{to}").InnerTextAsync();
            Assert.Contains($"{P}/annual-report/{year}/submission/{to}/", row, StringComparison.Ordinal);
            Assert.Contains(Show.Date(today), row, StringComparison.Ordinal);
        }

        Assert.Equal("Met", (await page.Locator("#deadline-submission .govuk-tag").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "annual-report-published");

        // The list shows the year completed and when it was published.
        await page.Locator(".govuk-back-link").ClickAsync();
        var listed = await page.Locator($"#report-{year}").InnerTextAsync();
        Assert.Contains("Completed", listed, StringComparison.Ordinal);
        Assert.Contains($"2 of {sections}", listed, StringComparison.Ordinal);
        Assert.Contains(Show.Date(today), listed, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-reports-with-one");
    }

    [GeneratedRegex(@"https?://\S+/forms/annual-reports/\S+")]
    private static partial Regex SectionLink();
}
