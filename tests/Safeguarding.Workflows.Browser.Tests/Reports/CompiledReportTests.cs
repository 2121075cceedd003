using Microsoft.Playwright;

namespace Safeguarding.Workflows.Browser.Tests.Reports;

/// <summary>The compiled annual report as a reader's browser gets it, checked by axe.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompiledReportTests(BrowserFixture browser)
{
    private const string TableAndImage = """
        Referrals by quarter:

        | Quarter | Referrals | Re-referrals |
        |---|--:|--:|
        | April to June | 412 | 61 |
        | July to September | 398 | **57** |

        ![Referrals by quarter, rising in the autumn](https://www.example.org/referrals.png)
        """;

    [Fact]
    public async Task A_report_with_every_section_a_table_and_an_image_passes_axe()
    {
        using var api = new ServiceApi(browser.Service);
        const string report = "/api/partnerships/west-sussex/annual-reports/2025-26";
        var sections = (await api.PutAsync(report, new { })).GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("number").GetInt32()).ToList();
        foreach (var number in sections)
        {
            await api.PutAsync($"{report}/sections/{number}", new
            {
                text = number == 2 ? TableAndImage : $"## Section {number}\n\nWhat the partnership did, with a [link to the guidance](https://www.gov.uk/guidance).\n\n- one point\n- another point",
                contributor = new { name = "Business Manager", email = "business-manager@west-sussex.example.org", agency = "West Sussex Safeguarding Children Partnership" },
            });
        }

        var compiled = await api.PostAsync($"{report}/compile", new { });

        var page = await browser.NewPageAsync();
        await page.RouteAsync("https://www.example.org/**", route => route.AbortAsync()); // no network here: the picture is not needed to check it
        await page.GotoAsync(compiled.GetProperty("html").GetString()!);
        Assert.Equal(1, await page.Locator("table th").First.CountAsync());
        Assert.Equal("Referrals by quarter, rising in the autumn", await page.Locator("main img").GetAttributeAsync("alt"));
        Assert.Equal(sections.Count + 1, await page.Locator("main section h2").CountAsync()); // and the appendix
        // The service's content security policy lets the report's own style sheet in (by its hash), and nothing else.
        Assert.Equal("solid", await page.Locator("table th").First.EvaluateAsync<string>("e => getComputedStyle(e).borderTopStyle"));

        Directory.CreateDirectory(PageChecks.ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageChecks.ScreenshotFolder, "compiled-annual-report.png"), FullPage = true });
        var violations = await Axe.RunAsync(page);
        Assert.True(violations.Count == 0, $"accessibility violations:\n{string.Join('\n', violations)}");
    }
}
