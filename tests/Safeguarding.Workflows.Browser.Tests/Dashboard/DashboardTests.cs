using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Safeguarding.Workflows.Browser.Tests.Forms;

namespace Safeguarding.Workflows.Browser.Tests.Dashboard;

[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_list_of_partnerships_links_to_each_dashboard()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await PageChecks.CheckAsync(page, "partnerships");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Warwickshire Safeguarding Children Partnership" }).ClickAsync();
        Assert.EndsWith("/partnerships/warwickshire", page.Url, StringComparison.Ordinal);
        Assert.Contains("Warwickshire", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeliness_page_opens_from_the_dashboard_shows_a_chosen_year_and_offers_its_spreadsheet()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/staffordshire");
        await page.Locator("#timeliness").ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/timeliness", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "timeliness");

        // The browser suite's processes start in January 2026: the year April 2025 to March 2026 has their deadlines.
        await page.SelectOptionAsync("#year", "2025");
        await page.Locator("#show").ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/timeliness?year=2025", page.Url, StringComparison.Ordinal);
        Assert.Equal("2025", await page.Locator("#year").InputValueAsync());
        Assert.EndsWith("/partnerships/staffordshire/timeliness/csv?year=2025", await page.Locator("#csv").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "timeliness-2025");
    }

    [Fact]
    public async Task A_missed_deadline_shows_in_red_on_the_dashboard_and_on_its_process_page()
    {
        using var api = browser.Service.Api();
        var now = (await api.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        var id = "overdue-" + Guid.NewGuid().ToString("N")[..6];
        var put = await api.PutAsJsonAsync($"/api/partnerships/solihull/drills/{id}", new
        {
            deadlines = new[]
            {
                new { name = "panel-notification", dueAt = now.AddDays(-2) },
                new { name = "agency-summaries", dueAt = now.AddDays(3) },
            },
        });
        put.EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/solihull");
        var row = page.Locator("#overdue-processes tr", new() { HasText = id });
        var tag = row.Locator(".govuk-tag");
        Assert.Equal("Overdue", (await tag.InnerTextAsync()).Trim(), ignoreCase: true);
        Assert.Contains("govuk-tag--red", await tag.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("rgb(", await tag.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), StringComparison.Ordinal);
        Assert.True(await page.Locator("#recent li", new() { HasText = id }).CountAsync() >= 1);
        await PageChecks.CheckAsync(page, "dashboard");

        await row.GetByRole(Microsoft.Playwright.AriaRole.Link).ClickAsync();
        Assert.EndsWith($"/partnerships/solihull/drills/{id}", page.Url, StringComparison.Ordinal);
        var missed = page.Locator("#deadline-panel-notification .govuk-tag");
        Assert.Equal("Overdue", (await missed.InnerTextAsync()).Trim(), ignoreCase: true);
        Assert.Contains("govuk-tag--red", await missed.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Equal("Pending", (await page.Locator("#deadline-agency-summaries .govuk-tag").InnerTextAsync()).Trim(), ignoreCase: true);
        Assert.True(await page.Locator("#timeline li", new() { HasText = "Deadline missed" }).CountAsync() >= 1);
        await PageChecks.CheckAsync(page, "process");
    }

    [Fact]
    public async Task On_25_February_2027_each_overdue_deadline_shows_its_own_date_beside_the_one_due_in_3_working_days()
    {
        // The issue's morning. The incident became known on Tuesday 9 February: the Panel notification and telling
        // the partners were due on 16 February, the agency summaries on 23 February, the rapid review on 2 March.
        using var api = new ServiceApi(browser.Service);
        await api.AtLeastAsync(new DateTimeOffset(2027, 2, 25, 9, 0, 0, TimeSpan.Zero));
        var reference = $"RR-2027-{Random.Shared.Next(100000, 999999)}";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/forms/rapid-reviews/staffordshire/new");
        await RapidReviewFormsTests.FillReferralAsync(page, reference, new DateOnly(2027, 2, 9), "seriously-harmed", lookedAfter: "no", abuseOrNeglect: "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        Assert.Equal("Serious incident referred", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());

        await page.GotoAsync("/partnerships/staffordshire");
        Assert.Contains("Today is 25 February 2027. Due soon means due by 11 March 2027", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(
            [
                $"{reference} | Panel notification | 16 February 2027 Overdue 7 working days late",
                $"{reference} | Partners informed | 16 February 2027 Overdue 7 working days late",
                $"{reference} | Agency summaries | 23 February 2027 Overdue 2 working days late",
            ],
            await RowsAsync(page, "#overdue-processes", reference));
        Assert.Equal([$"{reference} | Rapid review | 2 March 2027 in 3 working days"], await RowsAsync(page, "#due-soon-processes", reference));
        Assert.True(await page.Locator("#overdue-processes .govuk-tag--red", new() { HasText = "Overdue" }).CountAsync() >= 3);

        // Open rapid reviews link to the rapid reviews' list; the history names people, never a link id.
        await page.Locator("#open-by-kind a", new() { HasText = "open rapid reviews" }).ClickAsync();
        Assert.EndsWith("/partnerships/staffordshire/rapid-reviews", page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#reviews tbody tr", new() { HasText = reference }).CountAsync());
        await page.GoBackAsync();
        var recent = await page.Locator("#recent").InnerTextAsync();
        Assert.Contains("The service", recent, StringComparison.Ordinal);
        Assert.DoesNotContain("link:", recent, StringComparison.Ordinal);
        Assert.Matches(@"\d{1,2} [A-Z][a-z]+ 20\d\d at \d{1,2}:\d\d[ap]m", recent);
        await PageChecks.CheckAsync(page, "dashboard-overdue-and-due-soon");
    }

    [Fact]
    public async Task The_business_unit_adds_a_police_member_in_the_settings()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/warwickshire");
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        Assert.EndsWith("/partnerships/warwickshire/settings", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "settings");

        await page.FillAsync("#member-name", "Dee Harper");
        await page.FillAsync("#member-agency", "Warwickshire Police");
        await page.FillAsync("#member-email", "dee.harper@warwickshire-police.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the settings" }).ClickAsync();
        Assert.Equal([("member-role", "Enter the new member’s role")], await PageChecks.ErrorSummaryAsync(page));
        await PageChecks.CheckAsync(page, "settings-errors");

        await page.FillAsync("#member-role", "Detective Superintendent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the settings" }).ClickAsync();
        Assert.Contains("Settings saved", await page.Locator("#settings-saved").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Dee Harper", await page.Locator("#members").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Member added: Dee Harper (Warwickshire Police", await page.Locator("#settings-history").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "settings-saved");
    }

    /// <summary>The rows of a dashboard table about one process: its first line, then each other cell, in the page's words.</summary>
    private static async Task<string[]> RowsAsync(IPage page, string table, string reference)
    {
        var rows = page.Locator($"{table} tbody tr", new() { HasText = reference.ToLowerInvariant() });
        return [.. (await rows.EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.innerText.replace(/\\s+/g, ' ').trim()))"))
            .Select(cells => string.Join(" | ", [cells[0].Split(' ')[0], .. cells[1..]]))];
    }

    [Fact]
    public async Task The_search_uses_the_processes_api_filters_and_explains_a_bad_date()
    {
        using var api = browser.Service.Api();
        var now = (await api.GetFromJsonAsync<JsonElement>("/api/dev/clock")).GetProperty("now").GetDateTimeOffset();
        var id = "search-" + Guid.NewGuid().ToString("N")[..6];
        (await api.PutAsJsonAsync($"/api/partnerships/east-sussex/drills/{id}", new { deadlines = new[] { new { name = "draft", dueAt = now.AddDays(-1) } } })).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/east-sussex");
        await page.GetByLabel("Day").FillAsync("31");
        await page.GetByLabel("Month").FillAsync("2");
        await page.GetByLabel("Year").FillAsync("2026");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal([("dueBefore-day", "Next deadline due before must be a real date")], errors);
        await PageChecks.FollowErrorLinkAsync(page, "dueBefore-day");
        await PageChecks.CheckAsync(page, "dashboard-search-error");

        await page.GetByLabel("Day").FillAsync("");
        await page.GetByLabel("Month").FillAsync("");
        await page.GetByLabel("Year").FillAsync("");
        await page.GetByLabel("Only processes with an overdue deadline").CheckAsync();
        await page.GetByLabel("Kind of process").SelectOptionAsync("drill");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        Assert.Contains("overdue=true", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(".govuk-error-summary").CountAsync());
        Assert.Equal(1, await page.Locator("#results ~ table tr", new() { HasText = id }).CountAsync());
    }

    [Fact]
    public async Task The_business_unit_reads_the_partnerships_emails_from_the_dashboard()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var id = $"rr-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        await api.PutAsync($"/api/partnerships/west-sussex/rapid-reviews/{id}", new
        {
            caseReference = id.ToUpperInvariant(),
            awareOn = today.ToString("yyyy-MM-dd"),
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[] { new { agency = "Sussex Police", contact = new { name = "Sam Okafor", email = "sam.okafor@example.org" } } },
        });
        await api.LinkInEmailAsync(id, $"/forms/rapid-reviews/west-sussex/{id}/agency-summary/");

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/west-sussex");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Every email of the partnership" }).ClickAsync();
        Assert.EndsWith("/partnerships/west-sussex/emails", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "emails");

        await page.GetByLabel("Process reference").FillAsync(id);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Show emails" }).ClickAsync();
        var rows = page.Locator("#sent-emails tbody tr");
        Assert.True(await rows.CountAsync() >= 1);
        Assert.Contains("sam.okafor@example.org", await rows.First.InnerTextAsync(), StringComparison.Ordinal);

        await rows.First.GetByRole(Microsoft.Playwright.AriaRole.Link).First.ClickAsync();
        Assert.Contains("/partnerships/west-sussex/emails/west-sussex/rapid-review/", page.Url, StringComparison.Ordinal);
        Assert.Contains(id, await page.Locator("#email-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains($"/forms/rapid-reviews/west-sussex/{id}/agency-summary/", await page.Locator("#email-body").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "email");
    }
}
