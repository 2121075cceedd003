using System.Net;

namespace Safeguarding.Workflows.Browser.Tests.Forms;

/// <summary>Forms refuse a post that did not come from the form itself (no anti-forgery token), and change nothing.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AntiforgeryTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_referral_posted_without_the_forms_token_is_refused_and_opens_nothing()
    {
        using var api = new ServiceApi(browser.Service);
        using var client = browser.Service.Api();
        var today = await api.TodayAsync();
        var reference = $"RR-{today.Year}-{Random.Shared.Next(100000, 999999)}";
        var response = await client.PostAsync("/forms/rapid-reviews/solihull/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["caseReference"] = reference,
            ["awareOn-day"] = today.Day.ToString(),
            ["awareOn-month"] = today.Month.ToString(),
            ["awareOn-year"] = today.Year.ToString(),
            ["outcome"] = "seriously-harmed",
            ["childLookedAfter"] = "no",
            ["abuseOrNeglectKnownOrSuspected"] = "yes",
            ["agencies-0-agency"] = "West Midlands Police",
            ["agencies-0-contact-name"] = "Sam Patel",
            ["agencies-0-contact-email"] = "sam.patel@example.org",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(404, await api.StatusOfAsync($"/api/partnerships/solihull/rapid-reviews/{reference.ToLowerInvariant()}"));
    }
}
