using System.Net.Http.Json;
using System.Text.Json;

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
