using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests;

/// <summary>What every page must be, checked in the browser: one h1, the landmarks, no serious or critical axe violation; and a screenshot.</summary>
public static class PageChecks
{
    /// <summary><c>TestResults/screenshots</c> next to the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static async Task CheckAsync(IPage page, string screenshotName)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, screenshotName + ".png"), FullPage = true });

        Assert.Equal(1, await page.Locator("h1").CountAsync());
        foreach (var landmark in new[] { "header", "main", "footer", "nav" })
        {
            Assert.True(await page.Locator(landmark).CountAsync() >= 1, $"The page has no <{landmark}>.");
        }

        Assert.Equal(1, await page.Locator("main#main-content").CountAsync());
        var duplicateIds = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[id]')].map(e => e.id).filter((id, i, all) => all.indexOf(id) !== i)");
        Assert.True(duplicateIds.Length == 0, $"{screenshotName}: duplicate ids {string.Join(", ", duplicateIds)}");
        // The page's own styles and scripts load: the content security policy lets them, and the server finds them.
        await page.WaitForFunctionAsync("() => document.body.classList.contains('govuk-frontend-supported')");
        Assert.Equal("arial, sans-serif", await page.Locator("h1").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily"));

        var violations = await Axe.RunAsync(page);
        var serious = violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{screenshotName}: accessibility violations:\n{string.Join('\n', serious)}");
    }

    /// <summary>
    /// The GOV.UK error summary: its links, each to an element that exists and is described by its inline error.
    /// Returns the summary's links (href without '#') and messages.
    /// </summary>
    public static async Task<IReadOnlyList<(string Target, string Message)>> ErrorSummaryAsync(IPage page)
    {
        var summary = page.Locator(".govuk-error-summary");
        Assert.Equal(1, await summary.CountAsync());
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        var links = summary.Locator("a");
        var result = new List<(string, string)>();
        for (var i = 0; i < await links.CountAsync(); i++)
        {
            var href = await links.Nth(i).GetAttributeAsync("href") ?? "";
            Assert.StartsWith("#", href, StringComparison.Ordinal);
            var target = href[1..];
            Assert.Equal(1, await page.Locator($"[id='{target}']").CountAsync());
            result.Add((target, (await links.Nth(i).InnerTextAsync()).Trim()));
        }

        // Every inline error is tied to its control (or the control's fieldset) by aria-describedby.
        var inline = page.Locator(".govuk-error-message");
        for (var i = 0; i < await inline.CountAsync(); i++)
        {
            var id = await inline.Nth(i).GetAttributeAsync("id");
            Assert.False(string.IsNullOrEmpty(id));
            Assert.True(await page.Locator($"[aria-describedby~='{id}']").CountAsync() >= 1, $"Nothing is described by #{id}.");
        }

        return result;
    }

    /// <summary>Follows an error summary link and checks the browser moved to (and, with JavaScript, focused) the field.</summary>
    public static async Task FollowErrorLinkAsync(IPage page, string target)
    {
        await page.Locator($".govuk-error-summary a[href='#{target}']").ClickAsync();
        await page.WaitForFunctionAsync($"() => document.activeElement && document.activeElement.id === '{target}'");
    }
}
