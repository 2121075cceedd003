using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Security;

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
        Assert.Contains(("childLookedAfter", "Select yes if the child was looked after by the local authority"), errors);
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

        await page.FillAsync("#caseReference", reference);
        await page.FillAsync("#awareOn-day", today.Day.ToString());
        await page.FillAsync("#awareOn-month", today.Month.ToString());
        await page.FillAsync("#awareOn-year", today.Year.ToString());
        await page.GetByLabel("No").CheckAsync();
        await page.FillAsync("#agencies-0-contact-name", "Sam Patel");
        await page.FillAsync("#agencies-0-contact-email", "sam.patel@example.org");
        await page.FillAsync("#agencies-1-contact-name", "Alex Jones");
        await page.FillAsync("#agencies-1-contact-email", "alex.jones@example.org");
        await page.FillAsync("#agencies-2-contact-name", "Chris Lee");
        await page.FillAsync("#agencies-2-contact-email", "chris.lee@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refer the incident" }).ClickAsync();

        Assert.Equal("Serious incident referred", (await page.Locator(".govuk-panel__title").InnerTextAsync()).Trim());
        Assert.Equal(reference, (await page.Locator("#reference").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "referral-confirmation");

        var id = reference.ToLowerInvariant();
        var review = await api.GetAsync($"/api/partnerships/staffordshire/rapid-reviews/{id}");
        Assert.Equal(reference, review.GetProperty("caseReference").GetString());
        Assert.Equal(today.ToString("yyyy-MM-dd"), review.GetProperty("awareOn").GetString());
        Assert.False(review.GetProperty("childLookedAfter").GetBoolean());
        Assert.Equal(3, review.GetProperty("agencies").GetArrayLength());
        Assert.Equal("sam.patel@example.org", review.GetProperty("agencies")[0].GetProperty("contact").GetProperty("email").GetString());
    }

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
}
