using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

[Collection(BrowserCollection.Name)]
public sealed class AnnualReportFormsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_section_is_contributed_from_its_link()
    {
        using var api = new ServiceApi(browser.Service);
        await api.PutAsync("/api/partnerships/east-sussex/annual-reports/2025-26", new { });
        var link = await api.LinkInEmailAsync("2025-26", "/forms/annual-reports/east-sussex/2025-26/sections/3");

        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);
        await PageChecks.CheckAsync(page, "annual-report-section");
        await page.FillAsync("#contributor-name", "Ash Turner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the section" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal(("text", "Enter the section’s text"), errors[0]);
        await PageChecks.FollowErrorLinkAsync(page, "text");
        await PageChecks.CheckAsync(page, "annual-report-section-errors");

        // Preview: the text as the report will show it (a pipe table as a table), nothing sent, still on the link.
        await page.FillAsync("#text", "## Costs\n\n| Partner | Contribution |\n| --- | --- |\n| Sussex Police | £40,000 |");
        await page.Locator("#preview-button").ClickAsync();
        Assert.Equal(1, await page.Locator("#preview table").CountAsync());
        Assert.Contains("£40,000", await page.Locator("#preview td").AllInnerTextsAsync());
        Assert.Contains("link=", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".govuk-panel__title").CountAsync());
        await PageChecks.CheckAsync(page, "annual-report-section-preview");

        await page.FillAsync("#text", "## Sussex Police\n\nThe force funded two analysts and led the exploitation sub-group.");
        await page.FillAsync("#contributor-email", "ash.turner@example.org");
        await page.FillAsync("#contributor-agency", "Sussex Police");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the section" }).ClickAsync();
        Assert.Equal("Section 3 received", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "annual-report-section-confirmation");

        var section = (await api.GetAsync("/api/partnerships/east-sussex/annual-reports/2025-26")).GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("number").GetInt32() == 3);
        Assert.Equal("received", section.GetProperty("status").GetString());
        Assert.Equal("ash.turner@example.org", section.GetProperty("received").GetProperty("contributor").GetProperty("email").GetString());

        // The link opens again on the text as sent, for corrections.
        await page.GotoAsync("/forms/annual-reports/east-sussex/2025-26/sections/3");
        Assert.Equal("## Sussex Police\n\nThe force funded two analysts and led the exploitation sub-group.", await page.InputValueAsync("#text"));
    }

    [Fact]
    public async Task Publication_is_recorded_and_the_report_is_sent_to_the_panel_and_foundations()
    {
        using var api = new ServiceApi(browser.Service);
        await api.PutAsync("/api/partnerships/brighton-and-hove/annual-reports/2025-26", new { });
        // A report on 2025-26 can be published only once the year has ended.
        await api.AtLeastAsync(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(1)));
        var today = await api.TodayAsync();

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/forms/annual-reports/brighton-and-hove/2025-26");
        await PageChecks.CheckAsync(page, "annual-report");

        // Publication goes through the staff page's check your answers (it emails the Panel and Foundations at once).
        await page.Locator("#publish").ClickAsync();
        Assert.EndsWith("/partnerships/brighton-and-hove/annual-reports/2025-26/publish", page.Url, StringComparison.Ordinal);
        Assert.Equal(today.Day.ToString(), await page.InputValueAsync("#on-day"));
        await page.FillAsync("#url", "http://www.example.org/annual-report");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal("url", Assert.Single(errors).Target);
        Assert.Contains("https", errors[0].Message, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-report-errors");

        await page.FillAsync("#url", "https://www.example.org/annual-report-2025-26");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("Check your answers before publishing the report", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("#missing-mandatory").CountAsync()); // sections 1 and 2, required by law, have no text
        await page.Locator("#confirm-missing").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish and send the report" }).ClickAsync();
        Assert.Contains("Publication recorded", await page.Locator("#done").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "annual-report-confirmation");

        var report = await api.GetAsync("/api/partnerships/brighton-and-hove/annual-reports/2025-26");
        var published = report.GetProperty("published");
        Assert.Equal(today.ToString("yyyy-MM-dd"), published.GetProperty("on").GetString());
        Assert.Equal(2, published.GetProperty("submissions").GetArrayLength());
    }
}
