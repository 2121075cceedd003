using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Dashboard;

/// <summary>The business unit makes a deadline calendar address (the partnership's, then one person's) on the settings pages, a calendar reads it, and it is revoked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarFeedPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_calendar_address_is_made_shown_once_read_by_a_calendar_and_revoked()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/partnerships/warwickshire/settings");
        await page.Locator("#calendars").ClickAsync();
        Assert.EndsWith("/partnerships/warwickshire/settings/calendars", page.Url, StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "settings-calendars");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar address for the partnership" }).ClickAsync();
        var address = (await page.Locator("#feed-address").InnerTextAsync()).Trim();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/calendar/[A-Za-z0-9_-]{43}\.ics$", address);
        await PageChecks.CheckAsync(page, "settings-calendars-made");

        // A calendar client has no sign-in: the address alone opens the feed.
        var calendar = await page.APIRequest.GetAsync(address);
        Assert.Equal(200, calendar.Status);
        Assert.Contains("BEGIN:VCALENDAR", await calendar.TextAsync(), StringComparison.Ordinal);

        // Shown once: the list no longer shows it, only who made it and when; revoking stops it at once.
        await page.GotoAsync("/partnerships/warwickshire/settings/calendars");
        Assert.Equal(0, await page.Locator("#feed-address").CountAsync());
        var rows = page.Locator("#feeds tbody tr");
        var before = await rows.CountAsync();
        await rows.Last.GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Calendar address revoked", await page.Locator("#revoked").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(before - 1, await page.Locator("#feeds tbody tr").CountAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync(address)).Status);

        // One person's calendar: nobody chosen and no address typed is an error on the field, changing nothing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar address for this person" }).ClickAsync();
        Assert.Contains("Choose a person from the list, or enter the email address of someone else", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#email-error").CountAsync());
        await PageChecks.CheckAsync(page, "settings-calendars-person-error");

        await page.Locator("#person").SelectOptionAsync("police.dsp@warwickshire.example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar address for this person" }).ClickAsync();
        Assert.Contains("Calendar address made for Delegated safeguarding partner (Warwickshire Police)", await page.Locator("#new-feed").InnerTextAsync(), StringComparison.Ordinal);
        var personal = (await page.Locator("#feed-address").InnerTextAsync()).Trim();
        await PageChecks.CheckAsync(page, "settings-calendars-person-made");
        var personalCalendar = await page.APIRequest.GetAsync(personal);
        Assert.Equal(200, personalCalendar.Status);
        Assert.Contains("BEGIN:VCALENDAR", await personalCalendar.TextAsync(), StringComparison.Ordinal);

        // Listed by whom it is for, and revoked like the partnership's.
        await page.GotoAsync("/partnerships/warwickshire/settings/calendars");
        var row = page.Locator("#feeds tbody tr", new() { HasText = "police.dsp@warwickshire.example.org" });
        Assert.Equal(1, await row.CountAsync());
        await row.GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Calendar address revoked", await page.Locator("#revoked").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#feeds tbody tr", new() { HasText = "police.dsp@warwickshire.example.org" }).CountAsync());
        Assert.Equal(404, (await page.APIRequest.GetAsync(personal)).Status);
    }
    [Fact]
    public async Task A_reader_makes_a_calendar_for_themselves_from_the_dashboard_and_revokes_it()
    {
        var page = await browser.NewPageAsync();
        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["X-Dev-User"] = BrowserService.Scrutineer });
        // Nor do the lists offer them a form: the rapid reviews list has no "Refer a serious incident" for a reader.
        await page.GotoAsync("/partnerships/warwickshire/rapid-reviews");
        Assert.Equal(0, await page.Locator("#refer").CountAsync());
        await PageChecks.CheckAsync(page, "reader-rapid-reviews");

        await page.GotoAsync("/partnerships/warwickshire");
        // A reader's menu offers only what they may do: no referral, escalation or settings forms that would refuse them.
        var menu = await page.Locator("#navigation").InnerTextAsync();
        Assert.Contains("Dashboard", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("Refer a serious incident", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("Raise an escalation", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("Settings", menu, StringComparison.Ordinal);
        await page.Locator("#your-calendar").ClickAsync();
        Assert.EndsWith("/partnerships/warwickshire/calendar", page.Url, StringComparison.Ordinal);
        Assert.Equal(BrowserService.Scrutineer, (await page.Locator("#for-email").InnerTextAsync()).Trim());
        await PageChecks.CheckAsync(page, "your-calendar");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make a calendar address for yourself" }).ClickAsync();
        var address = (await page.Locator("#feed-address").InnerTextAsync()).Trim();
        Assert.Equal(200, (await page.APIRequest.GetAsync(address)).Status);
        await PageChecks.CheckAsync(page, "your-calendar-made");

        await page.GotoAsync("/partnerships/warwickshire/calendar");
        await page.Locator("#feeds tbody tr").Last.GetByRole(AriaRole.Button).ClickAsync();
        Assert.Contains("Calendar address revoked", await page.Locator("#revoked").InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.CheckAsync(page, "your-calendar-revoked");
        Assert.Equal(404, (await page.APIRequest.GetAsync(address)).Status);
    }
}
