using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

[Collection(BrowserCollection.Name)]
public sealed class RapidReviewFormsTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_referral_with_errors_is_explained_field_by_field_and_a_good_one_opens_a_rapid_review()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var reference = $"RR-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/forms/rapid-reviews/staffordshire/new");
        await PageChecks.CheckAsync(page, "referral");

        // Nothing answered but the agencies the form suggests: the API's rules, in the form's words.
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(("caseReference", "Enter the case reference"), errors);
        Assert.Contains(("awareOn-day", "Enter the date the local authority became aware of the incident"), errors);
        Assert.Contains(("outcome", "Select whether the child died or was seriously harmed"), errors);
        Assert.Contains(("childLookedAfter", "Select yes if the child was looked after by the local authority"), errors);
        Assert.Contains(("abuseOrNeglectKnownOrSuspected", "Select yes if abuse or neglect is known or suspected"), errors);
        Assert.Contains(("agencies-0-contact-name", "Enter the name of the contact at agency 1"), errors);
        Assert.Contains(("agencies-0-contact-email", "Enter the email address of the contact at agency 1"), errors);
        Assert.Equal("Enter the case reference", (await page.Locator("#caseReference-error").InnerTextAsync()).Replace("Error:", "").Trim());
        await PageChecks.FollowErrorLinkAsync(page, "caseReference");
        await PageChecks.CheckAsync(page, "referral-errors");

        // A name instead of a reference, and a date that does not exist.
        await page.FillAsync("#caseReference", "jane smith");
        await page.FillAsync("#awareOn-day", "30");
        await page.FillAsync("#awareOn-month", "2");
        await page.FillAsync("#awareOn-year", today.Year.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Contains(errors, e => e.Target == "caseReference" && e.Message.Contains("upper-case", StringComparison.Ordinal));
        Assert.Contains(("awareOn-day", "The date the local authority became aware must be a real date"), errors);
        Assert.Equal("jane smith", await page.InputValueAsync("#caseReference"));

        await page.GetByLabel("The child was seriously harmed").CheckAsync();
        await FillReferralAsync(page, reference, today, outcome: "seriously-harmed", lookedAfter: "no", abuseOrNeglect: "yes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();

        Assert.Equal("Serious incident referred", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        Assert.Equal(reference, (await page.Locator("#reference").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "referral-confirmation");

        var id = reference.ToLowerInvariant();
        var review = await api.GetAsync($"/api/partnerships/staffordshire/rapid-reviews/{id}");
        Assert.Equal(reference, review.GetProperty("caseReference").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), review.GetProperty("awareOn").GetString());
        Assert.False(review.GetProperty("childLookedAfter").GetBoolean());
        Assert.Equal("seriously-harmed", review.GetProperty("outcome").GetString());
        Assert.Equal(3, review.GetProperty("agencies").GetArrayLength());
        Assert.Equal("sam.patel@example.org", review.GetProperty("agencies")[0].GetProperty("contact").GetProperty("email").GetString());
    }

    [Theory]
    // A looked-after child died: the Panel, the partners, and the Secretary of State and Ofsted.
    [InlineData("died", "yes", "yes", "Serious incident referred", new[] { "panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review" })]
    // Seriously harmed: no Secretary of State notification, looked after or not.
    [InlineData("seriously-harmed", "yes", "yes", "Serious incident referred", new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    // A looked-after child's death without known or suspected abuse or neglect: that notification alone.
    [InlineData("died", "yes", "no", "Notification recorded", new[] { "secretary-of-state-notification" })]
    public async Task Each_kind_of_referral_shows_its_own_clocks(string outcome, string lookedAfter, string abuseOrNeglect, string title, string[] clocks)
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var reference = $"RR-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/forms/rapid-reviews/staffordshire/new");

        await FillReferralAsync(page, reference, today, outcome, lookedAfter, abuseOrNeglect);
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();
        Assert.Equal(title, (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());

        // The clocks the confirmation lists are the review's, in the API and on its page.
        var review = await api.GetAsync($"/api/partnerships/staffordshire/rapid-reviews/{reference.ToLowerInvariant()}");
        var deadlines = review.GetProperty("deadlines").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => DateOnly.Parse(d.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(clocks.Order(), deadlines.Keys.Order());
        var confirmation = await page.Locator("main").InnerTextAsync();
        foreach (var (name, dueOn) in deadlines)
        {
            Assert.Contains($"{Show.Name(name)}: due by {Show.Date(dueOn)}.", confirmation, StringComparison.Ordinal);
        }

        Assert.All(["panel-notification", "partners-informed", "secretary-of-state-notification"], name =>
        {
            if (deadlines.TryGetValue(name, out var dueOn))
            {
                Assert.Equal(StatutoryCalendar.EnglandAndWales.AddWorkingDays(today, 5), dueOn);
            }
        });

        await page.GetByRole(AriaRole.Link, new() { Name = abuseOrNeglect == "yes" ? "See the rapid review" : "See the notification" }).ClickAsync();
        Assert.Equal(clocks.Select(c => $"deadline-{c}").Order(), (await page.Locator("#deadlines tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)")).Order());
        Assert.Equal(outcome == "died" ? "The child died" : "The child was seriously harmed", (await page.Locator("#summary-outcome").InnerTextAsync()).Trim());
        Assert.DoesNotContain("Sam Patel", await page.Locator("#summary").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, $"referred-{outcome}-{abuseOrNeglect}");
    }

    [Fact]
    public async Task A_review_saved_before_the_outcome_was_asked_shows_it_as_not_recorded_and_records_it_from_the_page()
    {
        using var api = new ServiceApi(browser.Service);
        var id = $"rr-2026-{Random.Shared.Next(100000, 999999)}";

        // The row as the previous release saved it (Host.Tests/RapidReviews/Stored): looked after, no outcome.
        var saved = File.ReadAllText(StoredRow()).Replace("rr-2026-090", id, StringComparison.Ordinal);
        var at = DateTimeOffset.Parse("2026-01-05T08:00:00+00:00", CultureInfo.InvariantCulture);
        var entry = new ProcessIndexEntry("staffordshire", "rapid-review", id, ProcessStatus.Open, "RR-2026-090", null, null, null, 0, null, at, at);
        await browser.Service.Services.GetRequiredService<ProcessStore>().SaveAsync(new ProcessChange(entry, Encoding.UTF8.GetBytes(saved), null), CancellationToken.None);

        var page = await browser.NewPageAsync();
        await page.GotoAsync($"/partnerships/staffordshire/rapid-reviews/{id}");
        Assert.Equal("Not recorded", (await page.Locator("#summary-outcome").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("#deadline-secretary-of-state-notification").CountAsync());
        await PageChecks.CheckAsync(page, "outcome-not-recorded");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record outcome" }).ClickAsync();
        await PageChecks.CheckAsync(page, "outcome");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        Assert.Contains(("outcome", "Select whether the child died or was seriously harmed"), await PageChecks.ErrorSummaryAsync(page));

        await page.GetByLabel("The child was seriously harmed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the outcome" }).ClickAsync();
        Assert.Equal("Outcome recorded", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "outcome-confirmation");

        await page.GetByRole(AriaRole.Link, new() { Name = "See the rapid review" }).ClickAsync();
        Assert.Equal("The child was seriously harmed", (await page.Locator("#summary-outcome").InnerTextAsync()).Trim());
        Assert.Equal("Waived", (await page.Locator("#deadline-secretary-of-state-notification .govuk-tag").InnerTextAsync()).Trim());
        var review = await api.GetAsync($"/api/partnerships/staffordshire/rapid-reviews/{id}");
        Assert.Equal("seriously-harmed", review.GetProperty("outcome").GetString());
    }

    private static string StoredRow() => Path.Combine(AppContext.BaseDirectory, "RapidReviews", "Stored", "rr-2026-090.before-outcome.json");

    [Fact]
    public async Task An_agency_summary_sent_from_its_link_is_stored_and_recorded_as_received()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var id = $"rr-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var review = await api.PutAsync($"/api/partnerships/warwickshire/rapid-reviews/{id}", new
        {
            caseReference = id.ToUpperInvariant(),
            awareOn = today.ToString("yyyy-MM-dd"),
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[] { new { agency = "Warwickshire Police", contact = new { name = "Pat Khan", email = "pat.khan@example.org" } } },
        });
        Assert.Equal($"/forms/rapid-reviews/warwickshire/{id}/agency-summary/warwickshire-police", review.GetProperty("agencies")[0].GetProperty("submissionLink").GetString());

        // The form opens from the link in the summary request the agency was emailed.
        var link = await api.LinkInEmailAsync(id, $"/forms/rapid-reviews/warwickshire/{id}/agency-summary/warwickshire-police");

        var page = await browser.NewPageAsync();
        await page.GotoAsync(link);
        Assert.Contains("Warwickshire Police", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "agency-summary");

        await page.FillAsync("#involvement", "Two welfare visits by the neighbourhood team in the past year.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the summary" }).ClickAsync();
        var errors = await PageChecks.ErrorSummaryAsync(page);
        Assert.Equal(["immediate-action", "learning"], errors.Select(e => e.Target));
        Assert.Equal("Two welfare visits by the neighbourhood team in the past year.", await page.InputValueAsync("#involvement"));
        await PageChecks.FollowErrorLinkAsync(page, "learning");
        await PageChecks.CheckAsync(page, "agency-summary-errors");
        Assert.Equal("pending", (await api.GetAsync($"/api/partnerships/warwickshire/rapid-reviews/{id}")).GetProperty("agencies")[0].GetProperty("state").GetString());

        await page.FillAsync("#immediate-action", "A strategy discussion was held the same day.");
        await page.FillAsync("#learning", "Information sharing between teams out of hours.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the summary" }).ClickAsync();
        Assert.Equal("Summary received", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "agency-summary-confirmation");

        var agency = (await api.GetAsync($"/api/partnerships/warwickshire/rapid-reviews/{id}")).GetProperty("agencies")[0];
        Assert.Equal("received", agency.GetProperty("state").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), agency.GetProperty("receivedOn").GetString());
    }

    [Fact]
    public async Task A_contributor_link_opens_the_summary_form_for_its_own_agency_only()
    {
        using var api = new ServiceApi(browser.Service);
        var today = await api.TodayAsync();
        var id = $"rr-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        await api.PutAsync($"/api/partnerships/solihull/rapid-reviews/{id}", new
        {
            caseReference = id.ToUpperInvariant(),
            awareOn = today.ToString("yyyy-MM-dd"),
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[]
            {
                new { agency = "West Midlands Police", contact = new { name = "Pat Khan", email = "pat.khan@example.org" } },
                new { agency = "Solihull Council", contact = new { name = "Lou Baker", email = "lou.baker@example.org" } },
            },
        });
        var links = browser.Service.Services.GetRequiredService<ContributorLinks>();
        var review = new ProcessKey("solihull", "rapid-review", id);
        var query = links.Create(FormLinks.AgencySummary, review, "west-midlands-police", (await api.NowAsync()).AddDays(30));
        var form = $"/forms/rapid-reviews/solihull/{id}/agency-summary";

        var page = await browser.NewPageAsync();
        Assert.Equal(403, (await page.GotoAsync($"{form}/solihull-council{query}"))!.Status);
        Assert.Equal(200, (await page.GotoAsync($"{form}/west-midlands-police{query}"))!.Status);
        await page.FillAsync("#involvement", "Attended two domestic abuse incidents at the address.");
        await page.FillAsync("#immediate-action", "Referral to children's social care the same day.");
        await page.FillAsync("#learning", "Recording of the children present at incidents.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the summary" }).ClickAsync();
        Assert.Equal("Summary received", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());

        // Recorded as the link, not as a member of staff.
        var history = await api.GetAsync($"/api/partnerships/solihull/rapid-reviews/{id}/history");
        var received = history.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "agency-summary-received");
        Assert.StartsWith("link:", received.GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_summary_link_for_an_agency_that_was_not_asked_is_not_found()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/forms/rapid-reviews/warwickshire/rr-1999-000001/agency-summary/nobody");
        Assert.Equal(404, response!.Status);
        Assert.Equal("Page not found", (await page.Locator("h1").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "not-found");
    }

    /// <summary>The referral as a business manager fills it in; the three agencies' contacts only when a rapid review follows.</summary>
    internal static async Task FillReferralAsync(IPage page, string reference, DateOnly today, string outcome, string lookedAfter, string abuseOrNeglect)
    {
        await page.FillAsync("#caseReference", reference);
        await page.FillAsync("#awareOn-day", today.Day.ToString());
        await page.FillAsync("#awareOn-month", today.Month.ToString());
        await page.FillAsync("#awareOn-year", today.Year.ToString());
        await page.CheckAsync($"input[name='outcome'][value='{outcome}']");
        await page.CheckAsync($"input[name='childLookedAfter'][value='{lookedAfter}']");
        await page.CheckAsync($"input[name='abuseOrNeglectKnownOrSuspected'][value='{abuseOrNeglect}']");
        if (abuseOrNeglect == "yes")
        {
            await page.FillAsync("#agencies-0-contact-name", "Sam Patel");
            await page.FillAsync("#agencies-0-contact-email", "sam.patel@example.org");
            await page.FillAsync("#agencies-1-contact-name", "Alex Jones");
            await page.FillAsync("#agencies-1-contact-email", "alex.jones@example.org");
            await page.FillAsync("#agencies-2-contact-name", "Chris Lee");
            await page.FillAsync("#agencies-2-contact-email", "chris.lee@example.org");
        }
    }
}
