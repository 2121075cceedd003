using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Host.Tests.Escalations;

namespace Safeguarding.Workflows.Host.Tests.Email;

/// <summary>
/// In Development (no sign-in), every link an email carries opens a page, not the JSON API, and the page routes serve
/// the documents those links name. (With page sign-in: <see cref="Security.PageSignInTests"/>.)
/// </summary>
public sealed partial class EmailedLinksOpenPagesTests
{
    [Fact]
    public async Task Every_link_in_an_escalations_emails_opens_a_page()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync(EscalationApi.Path("esc-links"), EscalationApi.Raise())).StatusCode);

        var links = await EmailedLinksAsync(client, "esc-links");

        Assert.Contains("/partnerships/staffordshire/escalations/esc-links", links);
        foreach (var link in links)
        {
            var page = await OpenAsync(client, link);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{link}: {(int)page.StatusCode}");
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_paper_the_pack_links_to_downloads_from_its_page_route()
    {
        await using var factory = new ServiceFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync("/api/partnerships/staffordshire/meetings/board-links", new
        {
            title = "Partnership board",
            startsAt = "2026-03-12T10:00:00Z",
            papers = new[] { new { id = "audit", title = "Multi-agency audit", author = new { name = "Bob Author", email = "bob@police.example.org", agency = "Staffordshire Police" } } },
        })).StatusCode);
        var pdf = "%PDF-1.7\n% the audit\n"u8.ToArray();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync("/api/partnerships/staffordshire/meetings/board-links/papers/audit", new MultipartFormDataContent { { file, "file", "audit.pdf" } })).StatusCode);

        var download = await OpenAsync(client, Domain.Meetings.MeetingLinks.Paper(new("staffordshire", "meeting", "board-links"), "audit"));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        var missing = await OpenAsync(client, "/partnerships/staffordshire/meetings/board-links/papers/health");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Page not found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(client, "/partnerships/staffordshire/escalations/esc-none/documents/formal-notice.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await OpenAsync(client, "/partnerships/staffordshire/annual-reports/2025-26/documents/annual-report.html")).StatusCode);
    }

    /// <summary>The paths of every link to this service in the process's emails, once it has sent some; none is to the API.</summary>
    internal static async Task<List<string>> EmailedLinksAsync(HttpClient client, string processId)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var emails = await client.GetFromJsonAsync<List<JsonElement>>($"/api/outbox?processId={Uri.EscapeDataString(processId)}");
            if (emails is { Count: > 0 })
            {
                var bodies = emails.Select(e => e.GetProperty("body").GetString()!).ToList();
                Assert.All(bodies, b => Assert.DoesNotContain("/api/", b, StringComparison.Ordinal));
                return [.. bodies.SelectMany(b => OwnLinks().Matches(b).Select(m => m.Groups["path"].Value)).Distinct()];
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email about {processId} was sent.");
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"https?://[^/\s""'<>]+(?<path>/(?:partnerships|forms)/[^\s""'<>]*)")]
    private static partial Regex OwnLinks();
}
