using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>
/// Issue 5's "done when", over HTTP against Azurite with the simulated clock (starting Mon 5 Jan 2026 08:00): a
/// Staffordshire meeting 40 days ahead with three papers, one on time, one late, one never.
/// </summary>
public sealed class MeetingCirculationTests
{
    private const string Id = "board-2026-02";

    [Fact]
    public async Task Requests_reminders_chasers_the_pack_at_nine_on_circulation_day_and_a_late_paper_sent_on_its_own()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);

        // Saturday 14 February 2026, 40 days ahead: circulation moves back to Friday 6 February, papers due Friday 30 January.
        var created = await meetings.ScheduleAsync(Id, At("2026-02-14T10:00:00Z"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var meeting = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-02-06", meeting.GetProperty("circulationOn").GetString());
        Assert.Equal("2026-01-30", meeting.GetProperty("paperDeadlineOn").GetString());
        Assert.Equal("police", meeting.GetProperty("chair").GetProperty("partner").GetString());
        Assert.False(meeting.GetProperty("shortNotice").GetBoolean());
        Assert.Equal(["awaited", "awaited", "awaited"], PaperStatuses(meeting));
        Assert.Equal(["paper-deadline", "circulation", "notes"], meeting.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("name").GetString()));

        // One author uploads on time.
        await meetings.MoveClockTo(At("2026-01-28T14:00:00Z"));
        var upload = await meetings.UploadAsync(Id, "performance", Pdf, "performance-report.pdf");
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        Assert.Equal("received", (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // Circulation day, 09:00 London (GMT in February).
        await meetings.MoveClockTo(At("2026-02-06T09:00:00Z"));
        meeting = await meetings.GetAsync(Id);
        Assert.Equal("2026-02-06T09:00:00+00:00", meeting.GetProperty("circulatedAt").GetDateTimeOffset().ToString("yyyy-MM-ddTHH:mm:sszzz"));
        Assert.Equal(["received", "awaited", "awaited"], PaperStatuses(meeting));
        Assert.Equal("missed", Deadline(meeting, "paper-deadline").GetProperty("state").GetString());
        Assert.Equal("met", Deadline(meeting, "circulation").GetProperty("state").GetString());

        // The second author sends theirs after circulation: a late paper, sent at once.
        await meetings.MoveClockTo(At("2026-02-09T11:30:00Z"));
        Assert.Equal(HttpStatusCode.OK, (await meetings.UploadAsync(Id, "audit", Pdf, "audit.pdf")).StatusCode);
        meeting = await meetings.GetAsync(Id);
        Assert.Equal(["received", "late", "awaited"], PaperStatuses(meeting));

        var history = await meetings.HistoryAsync(Id);
        Assert.Equal(
            [.. Enumerable.Repeat(At("2026-01-27T09:00:00Z"), 3), At("2026-01-30T09:00:00Z"), At("2026-01-30T09:00:00Z")],
            history.Where(h => h.Type == "paper-reminder-sent").Select(h => h.At));
        Assert.Equal(
            [At("2026-02-02T09:00:00Z"), At("2026-02-03T09:00:00Z"), At("2026-02-04T09:00:00Z"), At("2026-02-05T09:00:00Z")],
            history.Where(h => h.Type == "paper-chased").Select(h => h.At).Distinct());
        Assert.Equal(8, history.Count(h => h.Type == "paper-chased"));
        Assert.DoesNotContain(history, h => h.Type is "paper-chased" or "paper-reminder-sent" && h.Detail.StartsWith("performance", StringComparison.Ordinal) && h.At > At("2026-01-28T00:00:00Z"));
        var pack = Assert.Single(history, h => h.Type == "pack-circulated");
        Assert.Equal(At("2026-02-06T09:00:00Z"), pack.At);
        Assert.StartsWith("3 papers: 1 received, 2 missing", pack.Detail, StringComparison.Ordinal);
        var late = Assert.Single(history, h => h.Type == "late-paper-sent");
        Assert.Equal(At("2026-02-09T11:30:00Z"), late.At);
        Assert.StartsWith("audit", late.Detail, StringComparison.Ordinal);
        Assert.Equal(history.OrderBy(h => h.At).Select(h => h.At), history.Select(h => h.At));

        // The outbox: every email at its moment, to the right people.
        var outbox = await meetings.OutboxAsync(Id);
        var invitation = Assert.Single(outbox, e => e.Kind == "meetings/invitation");
        Assert.Equal(At("2026-01-05T08:00:00Z"), invitation.SentAt);
        Assert.Equal(8, invitation.To.Count); // five members, three nominated deputies
        Assert.Contains("METHOD:REQUEST", Assert.Single(invitation.Attachments).Content, StringComparison.Ordinal);
        Assert.Equal(
            ["ann@council.example.org", "bob@police.example.org", "cy@icb.example.org"],
            outbox.Where(e => e.Kind == "meetings/paper-request").Select(e => Assert.Single(e.To)).Order());
        Assert.Contains("/forms/meetings/staffordshire/board-2026-02/papers/audit", outbox.Single(e => e.Kind == "meetings/paper-request" && e.To[0] == "bob@police.example.org").Body, StringComparison.Ordinal);
        Assert.Equal(
            [(At("2026-01-27T09:00:00Z"), 3), (At("2026-01-30T09:00:00Z"), 2)],
            outbox.Where(e => e.Kind == "meetings/paper-reminder").GroupBy(e => e.SentAt).Select(g => (g.Key, g.Count())));
        var chasers = outbox.Where(e => e.Kind == "meetings/paper-chase").ToList();
        Assert.Equal(8, chasers.Count);
        Assert.Equal(4, chasers.Select(c => c.SentAt).Distinct().Count());
        Assert.DoesNotContain(chasers, c => c.To.Contains("ann@council.example.org"));

        var packEmail = Assert.Single(outbox, e => e.Kind == "meetings/pack");
        Assert.Equal(At("2026-02-06T09:00:00Z"), packEmail.SentAt);
        Assert.Equal(invitation.To.Append("board-manager@staffordshire.example.org"), packEmail.To); // the business manager gets the pack too
        Assert.Contains("1. Performance report (Staffordshire County Council): http", packEmail.Body, StringComparison.Ordinal);
        Assert.Contains("/partnerships/staffordshire/meetings/board-2026-02/papers/performance", packEmail.Body, StringComparison.Ordinal);
        Assert.Contains("2. Multi-agency audit (Staffordshire Police): MISSING", packEmail.Body, StringComparison.Ordinal);
        Assert.Contains("3. Health update (Staffordshire and Stoke-on-Trent Integrated Care Board): MISSING", packEmail.Body, StringComparison.Ordinal);

        var latePaper = Assert.Single(outbox, e => e.Kind == "meetings/late-paper");
        Assert.Equal(At("2026-02-09T11:30:00Z"), latePaper.SentAt);
        Assert.StartsWith("LATE PAPER: Multi-agency audit", latePaper.Subject, StringComparison.Ordinal);
        Assert.Equal(invitation.To.Append("board-manager@staffordshire.example.org"), latePaper.To);
        Assert.Equal(outbox.Count, outbox.Select(e => e.Id).Distinct().Count());
        Assert.Equal(1 + 3 + 5 + 8 + 1 + 1, outbox.Count);

        // The stored paper comes back as it was sent.
        var download = await meetings.Http.GetAsync($"{meetings.Path(Id)}/papers/performance");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_same_put_again_is_200_and_a_different_one_409()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);

        Assert.Equal(HttpStatusCode.Created, (await meetings.ScheduleAsync(Id, At("2026-02-14T10:00:00Z"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await meetings.ScheduleAsync(Id, At("2026-02-14T10:00:00+00:00"))).StatusCode);
        var conflict = await meetings.ScheduleAsync(Id, At("2026-02-14T10:00:00Z"), title: "Another meeting");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync(meetings.Path("no-such-meeting"))).StatusCode);

        // The meeting is listed with the partnership's processes, its paper deadline next.
        var listed = Assert.Single((await meetings.Http.GetFromJsonAsync<List<JsonElement>>("/api/partnerships/staffordshire/processes?kind=meeting"))!);
        Assert.Equal((Id, "Partnership board"), (listed.GetProperty("id").GetString(), listed.GetProperty("title").GetString()));
        Assert.Equal("paper-deadline", listed.GetProperty("nextDeadline").GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.GetAsync("/api/partnerships/nowhere/meetings/" + Id)).StatusCode);
    }

    [Fact]
    public async Task A_paper_larger_than_the_default_request_limit_is_accepted_up_to_the_paper_limit()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        await meetings.ScheduleAsync(Id, At("2026-02-14T10:00:00Z"));
        var big = new byte[3 * 1024 * 1024]; // over the service's 1 MiB default body limit, well under 25 MB
        "%PDF"u8.CopyTo(big);

        var response = await meetings.UploadAsync(Id, "health", big, "annual-health-report.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(big.Length, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("length").GetInt64());

        // The test server does not enforce Kestrel's body limit, so check that the endpoint raises it for Kestrel.
        var upload = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.Single(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "UploadPaper");
        Assert.Equal((25L * 1024 * 1024) + (1024 * 1024), upload.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize);
    }

    [Fact]
    public async Task A_meeting_carries_on_after_a_host_restart()
    {
        string prefix;
        await using (var first = new ServiceFactory())
        {
            prefix = first.StoragePrefix;
            var before = new MeetingsClient(first);
            Assert.Equal(HttpStatusCode.Created, (await before.ScheduleAsync(Id, At("2026-02-14T10:00:00Z"))).StatusCode);
            await before.MoveClockTo(At("2026-01-28T10:00:00Z"));
            Assert.Equal(HttpStatusCode.OK, (await before.UploadAsync(Id, "performance", Pdf)).StatusCode);
        }

        // The same storage, a new host: the meeting is read back from Azure Storage and time carries it on.
        await using var second = new ServiceFactory(new Dictionary<string, string?> { ["Clock:SimulatedStart"] = "2026-01-28T11:00:00+00:00" }, prefix);
        var meetings = new MeetingsClient(second);
        Assert.Equal("received", (await meetings.GetAsync(Id)).GetProperty("papers")[0].GetProperty("status").GetString());
        await meetings.MoveClockTo(At("2026-02-06T09:00:00Z"));

        var history = await meetings.HistoryAsync(Id);
        Assert.Equal(At("2026-02-06T09:00:00Z"), Assert.Single(history, h => h.Type == "pack-circulated").At);
        Assert.Equal(3, history.Count(h => h.Type == "paper-reminder-sent" && h.At == At("2026-01-27T09:00:00Z")));
        Assert.Equal(2, history.Count(h => h.Type == "paper-reminder-sent" && h.At == At("2026-01-30T09:00:00Z")));
    }

    private static List<string?> PaperStatuses(JsonElement meeting) =>
        meeting.GetProperty("papers").EnumerateArray().Select(p => p.GetProperty("status").GetString()).ToList();

    private static JsonElement Deadline(JsonElement meeting, string name) =>
        meeting.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
}
