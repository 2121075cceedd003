using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>
/// The whole journey of an external contributor, with the service as it runs in production (<c>Auth:Mode=EntraId</c>):
/// a process emails them, and the link in the email — used with no account and no other credentials — opens and
/// submits their one form, and no other.
/// </summary>
public sealed class EmailedLinkTests : IAsyncLifetime
{
    private readonly SecureService service = new();
    private HttpClient staff = null!;

    public Task InitializeAsync()
    {
        staff = service.As("board.manager@staffordshire.example", "business-unit:staffordshire");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task An_agency_submits_its_rapid_review_summary_from_the_emailed_link_and_the_link_opens_nothing_else()
    {
        var opened = await staff.PutAsJsonAsync("/api/partnerships/staffordshire/rapid-reviews/rr-2026-011", new
        {
            caseReference = "RR-2026-011",
            awareOn = "2026-01-05",
            childLookedAfter = false,
            outcome = "seriously-harmed",
            agencies = new[]
            {
                new { agency = "Staffordshire Police", contact = new { name = "Police reviewer", email = "police.reviews@staffordshire.example.org" } },
                new { agency = "Staffordshire County Council", contact = new { name = "Children's services", email = "cs@staffordshire.example.org" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        const string Form = "/forms/rapid-reviews/staffordshire/rr-2026-011/agency-summary/staffordshire-police";
        var (path, link) = await EmailedLinkAsync("rr-2026-011", "police.reviews@staffordshire.example.org", Form);
        Assert.Equal(Form, path);
        var contributor = service.Anonymous();

        // Without the link the form is closed; with it, it opens and takes the summary.
        Assert.Equal(HttpStatusCode.Unauthorized, (await contributor.GetAsync(Form)).StatusCode);
        var sent = await PostFormAsync(contributor, Form + link, new()
        {
            ["involvement"] = "Two welfare visits by the neighbourhood team.",
            ["immediate-action"] = "A strategy discussion the same day.",
            ["learning"] = "Information sharing out of hours.",
        });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Summary received", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var review = await staff.GetFromJsonAsync<JsonElement>("/api/partnerships/staffordshire/rapid-reviews/rr-2026-011");
        Assert.Equal(["received", "pending"], review.GetProperty("agencies").EnumerateArray().Select(a => a.GetProperty("state").GetString()));
        var history = await staff.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/rapid-reviews/rr-2026-011/history");
        Assert.StartsWith("link:", history!.Single(e => e.GetProperty("type").GetString() == "agency-summary-received").GetProperty("actor").GetString(), StringComparison.Ordinal);

        // Not single-use: the same link takes a correction until it expires.
        var corrected = await PostFormAsync(contributor, Form + link, new()
        {
            ["involvement"] = "Two welfare visits and one call by the neighbourhood team.",
            ["immediate-action"] = "A strategy discussion the same day.",
            ["learning"] = "Information sharing out of hours.",
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        // The same link opens neither the other agency's form, nor the review, nor another partnership's form.
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync(Form.Replace("staffordshire-police", "staffordshire-county-council", StringComparison.Ordinal) + link)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/api/partnerships/staffordshire/rapid-reviews/rr-2026-011" + link)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/partnerships/staffordshire" + link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await contributor.GetAsync(Form.Replace("/staffordshire/", "/solihull/", StringComparison.Ordinal) + link)).StatusCode);

        // Changing what the link names breaks its signature.
        Assert.Equal(HttpStatusCode.Unauthorized, (await contributor.GetAsync(Form.Replace("staffordshire-police", "staffordshire-county-council", StringComparison.Ordinal) + Retarget(link, "staffordshire-police", "staffordshire-county-council"))).StatusCode);
    }

    [Fact]
    public async Task An_author_uploads_their_paper_from_the_emailed_link_but_cannot_open_another_papers_form()
    {
        var scheduled = await staff.PutAsJsonAsync("/api/partnerships/staffordshire/meetings/board-2026-03", new
        {
            title = "Partnership board",
            startsAt = "2026-03-12T10:00:00Z",
            location = "County Buildings, Stafford",
            papers = new[]
            {
                new { id = "audit", title = "Multi-agency audit", author = new { name = "Bob Author", email = "bob@police.example.org", agency = "Staffordshire Police" } },
                new { id = "health", title = "Health update", author = new { name = "Cy Author", email = "cy@icb.example.org", agency = "Staffordshire and Stoke-on-Trent Integrated Care Board" } },
            },
        });
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        const string Form = "/forms/meetings/staffordshire/board-2026-03/papers/audit";
        var (_, link) = await EmailedLinkAsync("board-2026-03", "bob@police.example.org", Form);
        var author = service.Anonymous();

        var page = await author.GetAsync(Form + link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var upload = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(await page.Content.ReadAsStringAsync())), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent("%PDF-1.7\n% the audit\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Add(file, "file", "audit.pdf");
        var sent = await author.PostAsync(Form + link, upload);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Paper received", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var meeting = await staff.GetFromJsonAsync<JsonElement>("/api/partnerships/staffordshire/meetings/board-2026-03");
        Assert.Equal(["received", "awaited"], meeting.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("status").GetString()));

        // Not single-use: the same link takes a revised paper until it expires.
        var revised = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(await (await author.GetAsync(Form + link)).Content.ReadAsStringAsync())), "__RequestVerificationToken" },
        };
        var second = new ByteArrayContent("%PDF-1.7\n% the audit, revised\n"u8.ToArray());
        second.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        revised.Add(second, "file", "audit-v2.pdf");
        Assert.Equal(HttpStatusCode.OK, (await author.PostAsync(Form + link, revised)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync(Form.Replace("/audit", "/health", StringComparison.Ordinal) + link)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/forms/meetings/staffordshire/board-2026-03/notes" + link)).StatusCode);

        // The same link downloads the author's own paper from its page route, and no other.
        var own = await author.GetAsync("/partnerships/staffordshire/meetings/board-2026-03/papers/audit" + link);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("%PDF-1.7\n% the audit, revised\n", await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await author.GetAsync("/partnerships/staffordshire/meetings/board-2026-03/papers/health" + link)).StatusCode);
    }

    [Fact]
    public async Task A_contributor_sends_a_report_section_from_the_emailed_link_and_only_that_section()
    {
        Assert.Equal(HttpStatusCode.Created, (await staff.PutAsJsonAsync("/api/partnerships/staffordshire/annual-reports/2025-26", new { })).StatusCode);
        var (path, link) = await EmailedLinkAsync("staffordshire/annual-report/2025-26", null, "/forms/annual-reports/staffordshire/2025-26/sections/");
        var number = int.Parse(path.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var contributor = service.Anonymous();

        var sent = await PostFormAsync(contributor, path + link, new()
        {
            ["text"] = "## Our contribution\n\nThe year in brief.",
            ["contributor-name"] = "Report author",
            ["contributor-email"] = "author@staffordshire.example.org",
            ["contributor-agency"] = "Staffordshire Police",
        });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains($"Section {number} received", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var report = await staff.GetFromJsonAsync<JsonElement>("/api/partnerships/staffordshire/annual-reports/2025-26");
        var section = report.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("number").GetInt32() == number);
        Assert.Equal("Report author", section.GetProperty("received").GetProperty("contributor").GetProperty("name").GetString());

        // Not single-use: the same link takes a revised section until it expires.
        var revised = await PostFormAsync(contributor, path + link, new()
        {
            ["text"] = "## Our contribution\n\nThe year in brief, revised.",
            ["contributor-name"] = "Report author",
            ["contributor-email"] = "author@staffordshire.example.org",
            ["contributor-agency"] = "Staffordshire Police",
        });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync($"/forms/annual-reports/staffordshire/2025-26/sections/{number + 1}{link}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/forms/annual-reports/staffordshire/2025-26" + link)).StatusCode);
    }

    /// <summary>The first form link in an email about the process (to <paramref name="to"/>): its path and its <c>?link=</c> query.</summary>
    private async Task<(string Path, string Link)> EmailedLinkAsync(string processId, string? to, string pathStart)
    {
        var pattern = new Regex(@"https?://[^/\s]+(?<path>" + Regex.Escape(pathStart) + @"[^\s?""'<>]*)(?<link>\?link=[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)");
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var emails = await staff.GetFromJsonAsync<List<JsonElement>>($"/api/outbox?processId={Uri.EscapeDataString(processId)}");
            foreach (var email in emails!.Where(e => to is null || e.GetProperty("to").EnumerateArray().Any(t => t.GetString() == to)))
            {
                if (pattern.Match(email.GetProperty("body").GetString()!) is { Success: true } match)
                {
                    return (match.Groups["path"].Value, match.Groups["link"].Value);
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No email about {processId} carries a signed link to {pathStart}.");
    }

    /// <summary>Opens the form, then posts it with its antiforgery token, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        fields["__RequestVerificationToken"] = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static string AntiforgeryToken(string html) =>
        Regex.Match(html, @"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("The form has no antiforgery token.");

    /// <summary>The link's token with its payload edited and its signature kept.</summary>
    private static string Retarget(string link, string from, string to)
    {
        var token = link["?link=".Length..].Split('.');
        var payload = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token[0])).Replace(from, to, StringComparison.Ordinal);
        return $"?link={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(payload))}.{token[1]}";
    }
}
