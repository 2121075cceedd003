using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Safeguarding.Workflows.Host.Tests.AnnualReports.AnnualReportClient;

namespace Safeguarding.Workflows.Host.Tests.AnnualReports;

/// <summary>
/// Issue 8's "done when": a Warwickshire 2025-26 report from opening to submission on a simulated clock against
/// Azurite, and a second partnership that never publishes.
/// </summary>
public sealed class AnnualReportScenarioTests
{
    private const string PublishedUrl = "https://www.safeguardingwarwickshire.example.org/about/annual-report-2025-26";

    private static ServiceFactory Service() => new(new Dictionary<string, string?> { ["Clock:SimulatedStart"] = "2026-05-05T08:00:00+00:00" });

    private const string SectionOne = """
        The partnership met monthly and commissioned **two** local child safeguarding practice reviews.

        ## Practice reviews

        - Review A was published in January.
        - Review B is in progress.

        <script>alert('contributed')</script>
        """;

    [Fact]
    public async Task Warwickshire_report_runs_from_opening_to_submission()
    {
        await using var service = Service();
        var client = service.CreateClient();
        var report = new AnnualReportClient(client, "warwickshire");

        // Opened in May: every section asked of its owners, due 31 July.
        var opened = await report.OpenAsync();
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var body = (await opened.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("annual-report", (string?)body["kind"]);
        Assert.Equal("2025-26", (string?)body["id"]);
        Assert.Equal(15, body["sections"]!.AsArray().Count);
        Assert.Equal("business-manager", (string?)Section(body, 1)["owner"]);
        Assert.True((bool)Section(body, 1)["mandatory"]!);
        Assert.Equal("safeguarding-partners", (string?)Section(body, 3)["owner"]);
        Assert.Equal(3, Section(body, 3)["owners"]!.AsArray().Count);
        Assert.All(body["sections"]!.AsArray(), s => Assert.Equal("2026-07-31", (string?)s!["dueOn"]));
        Assert.All(body["sections"]!.AsArray(), s => Assert.Equal("awaited", (string?)s!["status"]));
        Assert.Equal(["contributions", "draft", "publication", "submission"], body["deadlines"]!.AsArray().Select(d => (string?)d!["name"]));
        Assert.Equal("2026-09-30", (string?)Deadline(body, "publication")["dueOn"]);
        Assert.Equal(15, Entries(body, "section-opened").Count());
        Assert.Equal(HttpStatusCode.OK, (await report.OpenAsync()).StatusCode); // idempotent

        // June: everything but scrutiny (13) arrives.
        await report.MoveClockToAsync("2026-06-15T10:00:00+01:00");
        Assert.Equal(HttpStatusCode.OK, (await report.SendSectionAsync(1, SectionOne, "Warwickshire Safeguarding Children Partnership")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await report.SendSectionAsync(2, "The arrangements were **effective**; see the audit findings.", "Warwickshire Safeguarding Children Partnership")).StatusCode);
        foreach (var number in Enumerable.Range(3, 13).Where(n => n != 13))
        {
            (await report.SendSectionAsync(number, $"Contribution for section {number}.")).EnsureSuccessStatusCode();
        }

        // 24 July: the reminder goes to section 13's owner only.
        await report.MoveClockToAsync("2026-07-24T12:00:00+01:00");
        var reminded = Assert.Single(Entries(await report.GetAsync(), "contributions-reminded"));
        Assert.Equal(DateTimeOffset.Parse("2026-07-24T09:00:00+01:00"), (DateTimeOffset)reminded["at"]!);
        Assert.Contains("13", (string?)reminded["detail"], StringComparison.Ordinal);

        // 31 July passes: section 13 is late, the deadline missed, and a week later it is chased.
        await report.MoveClockToAsync("2026-08-07T12:00:00+01:00");
        var afterDue = await report.GetAsync();
        Assert.Equal("late", (string?)Section(afterDue, 13)["status"]);
        Assert.Equal("received", (string?)Section(afterDue, 12)["status"]);
        Assert.Equal("missed", (string?)Deadline(afterDue, "contributions")["state"]);
        var chased = Assert.Single(Entries(afterDue, "contributions-chased"));
        Assert.Equal(DateTimeOffset.Parse("2026-08-07T09:00:00+01:00"), (DateTimeOffset)chased["at"]!);

        // 10 August: the late section arrives, and section 3 is replaced.
        await report.MoveClockToAsync("2026-08-10T11:00:00+01:00");
        (await report.SendSectionAsync(13, "Scrutiny found practice **improving**.", "Warwickshire Safeguarding Children Partnership")).EnsureSuccessStatusCode();
        var replaced = await report.SendSectionAsync(3, "Each partner contributed staff and funding.");
        replaced.EnsureSuccessStatusCode();
        var afterLate = (await replaced.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("received", (string?)Section(afterLate, 13)["status"]);
        Assert.True((bool)Section(afterLate, 13)["received"]!["late"]!);
        Assert.Equal(2, (int)Section(afterLate, 3)["received"]!["version"]!);
        Assert.Single(Entries(afterLate, "contribution-replaced"));
        var contributions = Deadline(afterLate, "contributions");
        Assert.Equal("missed", (string?)contributions["state"]);
        Assert.Equal(DateTimeOffset.Parse("2026-08-10T11:00:00+01:00"), (DateTimeOffset)contributions["metAt"]!);

        // 20 August: the business manager compiles the draft.
        await report.MoveClockToAsync("2026-08-20T14:00:00+01:00");
        var compile = await report.CompileAsync();
        Assert.Equal(HttpStatusCode.OK, compile.StatusCode);
        var links = (await compile.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal($"{report.Path}/documents/annual-report.html", (string?)links["html"]);
        Assert.Equal($"{report.Path}/documents/annual-report.docx", (string?)links["docx"]);

        var htmlResponse = await client.GetAsync((string?)links["html"]);
        Assert.Equal("text/html", htmlResponse.Content.Headers.ContentType?.MediaType);
        var html = ReportDocuments.ParseHtml(await htmlResponse.Content.ReadAsStringAsync());
        Assert.Equal("en-GB", html.Root!.Attribute("lang")!.Value);
        Assert.Equal("Warwickshire Safeguarding Children Partnership annual report 2025 to 2026", Assert.Single(html.All("h1")).Value);
        var sectionHeadings = Assert.Single(html.All("main")).Elements("section").Select(s => s.Element("h2")!).ToList();
        Assert.Equal(16, sectionHeadings.Count); // 15 sections and the appendix
        Assert.StartsWith("1. What the partnership did", sectionHeadings[0].Value, StringComparison.Ordinal);
        Assert.Equal(
            sectionHeadings.Select(h => "#" + h.Attribute("id")!.Value),
            Assert.Single(html.All("nav")).Descendants("a").Select(a => a.Attribute("href")!.Value));
        // The contribution's own heading, then the appendix's timeliness tables (compiled with them, the default).
        Assert.Equal(["Practice reviews", "Timeliness of deadlines", "What agencies were asked to send", "Attendance at partnership meetings"], html.All("h3").Select(h => h.Value));
        Assert.Empty(html.All("script"));
        Assert.Contains("Scrutiny found practice improving.", html.Root.Text(), StringComparison.Ordinal);
        Assert.Contains("Appendix: figures from the service's records", sectionHeadings[^1].Value, StringComparison.Ordinal);

        var docxResponse = await client.GetAsync((string?)links["docx"]);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docxResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("warwickshire-annual-report-2025-26.docx", docxResponse.Content.Headers.ContentDisposition?.FileNameStar ?? docxResponse.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Draft compiled on 20 August 2026 (compilation 1).", html.Root.Text(), StringComparison.Ordinal);
        var (paragraphs, _, _) = ReportDocuments.ReadDocx(await docxResponse.Content.ReadAsByteArrayAsync());
        var docxHeadings = paragraphs.Where(p => p.Style == "Heading1").Select(p => p.Text).ToList();
        Assert.Equal(sectionHeadings.Select(h => h.Value), docxHeadings);
        Assert.Contains(paragraphs, p => p is { Style: "Heading2", Text: "Practice reviews" });
        Assert.Contains(paragraphs, p => p is { Numbered: true, Text: "Review A was published in January." });
        Assert.Contains(paragraphs, p => p.Text == "Each partner contributed staff and funding.");
        Assert.DoesNotContain(paragraphs, p => p.Text == "Contribution for section 3.");

        var compiled = await report.GetAsync();
        Assert.Equal("met", (string?)Deadline(compiled, "draft")["state"]);
        Assert.Equal(1, (int)compiled["compiled"]!["number"]!);

        // No warning on the draft date: the draft is complete.
        await report.MoveClockToAsync("2026-08-28T12:00:00+01:00");
        Assert.Empty(Entries(await report.GetAsync(), "draft-incomplete"));

        // 15 September: published, and sent to the Panel and Foundations that day.
        await report.MoveClockToAsync("2026-09-15T10:30:00+01:00");
        var publish = await report.PublishAsync("2026-09-15", PublishedUrl);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var published = (await publish.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("completed", (string?)published["status"]);
        var panel = Assert.Single(Entries(published, "submitted-to-panel"));
        var foundations = Assert.Single(Entries(published, "submitted-to-foundations"));
        Assert.Equal(DateTimeOffset.Parse("2026-09-15T10:30:00+01:00"), (DateTimeOffset)panel["at"]!);
        var submissions = published["published"]!["submissions"]!.AsArray();
        Assert.Equal(["Mailbox.NationalReviewPanel@education.gov.uk", "policy@foundations.org.uk"], submissions.Select(s => (string?)s!["email"]));
        var panelMessage = (string)submissions[0]!["messageId"]!;
        Assert.Equal("warwickshire/annual-report/2025-26/submission/panel/2026-09-15", panelMessage);
        Assert.Contains(panelMessage, (string?)panel["detail"], StringComparison.Ordinal);
        Assert.Contains((string)submissions[1]!["messageId"]!, (string?)foundations["detail"], StringComparison.Ordinal);
        Assert.Equal("met", (string?)Deadline(published, "publication")["state"]);
        var submission = Deadline(published, "submission");
        Assert.Equal("2026-09-22", (string?)submission["dueOn"]);
        Assert.Equal("met", (string?)submission["state"]);

        // The documents are compiled once more, stamped as published: neither calls itself a draft any more.
        Assert.Equal(2, (int)published["compiled"]!["number"]!);
        var publishedHtml = await client.GetStringAsync((string?)links["html"]);
        Assert.DoesNotContain("Draft", publishedHtml, StringComparison.Ordinal);
        Assert.Contains($"Published on 15 September 2026 at {PublishedUrl}.", publishedHtml, StringComparison.Ordinal);
        var (publishedParagraphs, _, _) = ReportDocuments.ReadDocx(await client.GetByteArrayAsync((string?)links["docx"]));
        Assert.DoesNotContain(publishedParagraphs, p => p.Text.Contains("Draft", StringComparison.Ordinal));
        Assert.Contains(publishedParagraphs, p => p.Text.Contains($"Published on 15 September 2026 at {PublishedUrl}.", StringComparison.Ordinal));

        // The same publication again changes nothing; a different one is refused.
        Assert.Equal(HttpStatusCode.OK, (await report.PublishAsync("2026-09-15", PublishedUrl)).StatusCode);
        Assert.Single(Entries(await report.GetAsync(), "submitted-to-panel"));
        Assert.Equal(HttpStatusCode.Conflict, (await report.PublishAsync("2026-09-14", PublishedUrl)).StatusCode);

        var history = await report.HistoryAsync();
        Assert.Contains(history, h => (string?)h["type"] == "submitted-to-foundations");
        Assert.Equal(1, history.Count(h => (string?)h["type"] == "contributions-chased"));

        if (await report.OutboxAsync() is { } outbox)
        {
            var sent = outbox.Where(m => m["to"]!.AsArray().Any(t => (string?)t is "Mailbox.NationalReviewPanel@education.gov.uk" or "policy@foundations.org.uk")).ToList();
            Assert.Equal(2, sent.Count);
            Assert.All(sent, m => Assert.Equal(new DateOnly(2026, 9, 15), DateOnly.FromDateTime(((DateTimeOffset)m["sentAt"]!).UtcDateTime)));
            Assert.All(sent, m => Assert.Contains(PublishedUrl, (string?)m["body"], StringComparison.Ordinal));
            // One email per owner (the business manager and the three partners' officers), not one per section.
            Assert.Equal(4, outbox.Count(m => ((string)m["id"]!).Contains("/section-opened/", StringComparison.Ordinal)));
            Assert.Single(outbox, m => ((string)m["id"]!).Contains("/contribution-chase/owner-", StringComparison.Ordinal) && ((string)m["id"]!).EndsWith("/2026-08-07", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_partnership_that_never_publishes_gets_the_escalation_notice_on_1_October()
    {
        await using var service = Service();
        var report = new AnnualReportClient(service.CreateClient(), "staffordshire");
        Assert.Equal(HttpStatusCode.Created, (await report.OpenAsync()).StatusCode);
        (await report.SendSectionAsync(1, "What we did.", "Staffordshire County Council", "author@staffordshire.example.org")).EnsureSuccessStatusCode();

        await report.MoveClockToAsync("2026-09-30T23:00:00+01:00");
        var before = await report.GetAsync();
        Assert.Empty(Entries(before, "publication-escalated"));
        var warned = Assert.Single(Entries(before, "draft-incomplete"));
        Assert.Equal(DateTimeOffset.Parse("2026-08-28T09:00:00+01:00"), (DateTimeOffset)warned["at"]!); // 31 August 2026 is a bank holiday

        await report.MoveClockToAsync("2026-10-01T12:00:00+01:00");
        var after = await report.GetAsync();
        var escalated = Assert.Single(Entries(after, "publication-escalated"));
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T09:00:00+01:00"), (DateTimeOffset)escalated["at"]!);
        var publication = Deadline(after, "publication");
        Assert.Equal("missed", (string?)publication["state"]);
        Assert.Null(publication["metAt"]);
        Assert.Equal("pending", (string?)Deadline(after, "submission")["state"]); // its clock starts at publication
        Assert.Equal("open", (string?)after["status"]);
        var missed = Entries(after, "deadline-missed").Select(t => (string?)t["detail"]).ToList();
        Assert.Equal(["contributions", "draft", "publication"], missed);

        if (await report.OutboxAsync() is { } outbox)
        {
            var notice = Assert.Single(outbox, m => ((string)m["id"]!).Contains("/publication-overdue/", StringComparison.Ordinal));
            Assert.Equal(DateTimeOffset.Parse("2026-10-01T09:00:00+01:00"), (DateTimeOffset)notice["sentAt"]!);
            Assert.Superset(
                new HashSet<string?> { "council.dcs@staffordshire.example.org", "police.acc@staffordshire.example.org", "icb.cnto@staffordshire.example.org" },
                new HashSet<string?>(notice["to"]!.AsArray().Select(t => (string?)t)));

            // Both warnings go to staff, so they lead to the year's staff page, not the contributors' form.
            var warning = Assert.Single(outbox, m => ((string)m["id"]!).Contains("/draft-incomplete/", StringComparison.Ordinal));
            using var staff = service.CreateClient();
            foreach (var body in new[] { (string)notice["body"]!, (string)warning["body"]! })
            {
                var link = System.Text.RegularExpressions.Regex.Match(body, @"https?://\S+(/partnerships/staffordshire/annual-reports/2025-26)\s");
                Assert.True(link.Success, body);
                Assert.DoesNotContain("/forms/annual-reports/", body, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(link.Groups[1].Value)).StatusCode);
            }
        }
    }
}
