using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>Moving and cancelling a meeting over HTTP: pending dates follow the meeting, done steps stay done, cancelling stops everything.</summary>
public sealed class MeetingRescheduleAndCancelTests
{
    [Fact]
    public async Task Rescheduling_moves_every_pending_date_and_keeps_what_was_done()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        Assert.Equal(HttpStatusCode.Created, (await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"))).StatusCode);
        await meetings.MoveClockTo(At("2026-01-28T10:00:00Z")); // the first reminders went on 27 January

        var moved = await meetings.PostAsync("board", "reschedule", new { startsAt = At("2026-02-21T10:00:00Z") });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var meeting = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-02-13", meeting.GetProperty("circulationOn").GetString());
        Assert.Equal("2026-02-06", meeting.GetProperty("paperDeadlineOn").GetString());
        Assert.Equal("2026-02-06", Deadline(meeting, "paper-deadline").GetProperty("dueOn").GetString());
        Assert.Equal(At("2026-02-03T09:00:00Z"), meeting.GetProperty("scheduled")[0].GetProperty("dueAt").GetDateTimeOffset());

        // The same move again changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await meetings.PostAsync("board", "reschedule", new { startsAt = At("2026-02-21T10:00:00Z") })).StatusCode);

        await meetings.MoveClockTo(At("2026-02-13T12:00:00Z"));
        var history = await meetings.HistoryAsync("board");
        Assert.Equal(
            [At("2026-01-27T09:00:00Z"), At("2026-02-03T09:00:00Z"), At("2026-02-06T09:00:00Z")],
            history.Where(h => h.Type == "paper-reminder-sent").Select(h => h.At).Distinct());
        Assert.DoesNotContain(history, h => h.At == At("2026-01-30T09:00:00Z")); // the old paper deadline
        Assert.Equal(At("2026-02-13T09:00:00Z"), Assert.Single(history, h => h.Type == "pack-circulated").At);
        Assert.Single(history, h => h.Type == "rescheduled");
        Assert.Equal(2, history.Count(h => h.Type == "invitation-sent"));

        var outbox = await meetings.OutboxAsync("board");
        var update = Assert.Single(outbox, e => e.Kind == "meetings/rescheduled");
        Assert.Equal(At("2026-01-28T10:00:00Z"), update.SentAt);
        var ics = Assert.Single(update.Attachments).Content;
        Assert.Contains("METHOD:REQUEST", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:0", Assert.Single(outbox, e => e.Kind == "meetings/invitation").Attachments[0].Content, StringComparison.Ordinal);
        Assert.Equal(3, outbox.Count(e => e.Kind == "meetings/paper-deadline-changed"));
        Assert.Equal(At("2026-02-13T09:00:00Z"), Assert.Single(outbox, e => e.Kind == "meetings/pack").SentAt);
    }

    [Fact]
    public async Task Moving_into_short_notice_circulates_at_once()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"));
        await meetings.MoveClockTo(At("2026-01-20T10:00:00Z"));

        var moved = await (await meetings.PostAsync("board", "reschedule", new { startsAt = At("2026-01-23T10:00:00Z") })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(moved.GetProperty("shortNotice").GetBoolean());
        Assert.Equal("2026-01-20", moved.GetProperty("circulationOn").GetString());
        Assert.Equal(At("2026-01-20T10:00:00Z"), moved.GetProperty("circulatedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_short_notice_meeting_circulates_as_soon_as_it_is_scheduled()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);

        var meeting = await (await meetings.ScheduleAsync("extraordinary", At("2026-01-09T14:00:00Z"))).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(meeting.GetProperty("shortNotice").GetBoolean());
        Assert.Equal(At("2026-01-05T08:00:00Z"), meeting.GetProperty("circulatedAt").GetDateTimeOffset());
        Assert.Equal("waived", Deadline(meeting, "paper-deadline").GetProperty("state").GetString());
        var history = await meetings.HistoryAsync("extraordinary");
        Assert.StartsWith("3 papers: 0 received, 3 missing", Assert.Single(history, h => h.Type == "pack-circulated").Detail, StringComparison.Ordinal);

        // A paper arriving afterwards is a late paper.
        await meetings.MoveClockTo(At("2026-01-06T10:00:00Z"));
        await meetings.UploadAsync("extraordinary", "health", Pdf);
        Assert.Single(await meetings.HistoryAsync("extraordinary"), h => h.Type == "late-paper-sent");
    }

    [Fact]
    public async Task Cancelling_stops_every_pending_action_and_the_meeting_refuses_further_commands()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"));
        await meetings.MoveClockTo(At("2026-01-20T10:00:00Z"));

        var cancelled = await meetings.PostAsync("board", "cancel", new { reason = "The chair is unavailable" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);

        await meetings.MoveClockTo(At("2026-03-31T10:00:00Z"));
        var meeting = await meetings.GetAsync("board");
        Assert.Equal("cancelled", meeting.GetProperty("status").GetString());
        Assert.Empty(meeting.GetProperty("scheduled").EnumerateArray());
        Assert.All(meeting.GetProperty("deadlines").EnumerateArray(), d => Assert.Equal("waived", d.GetProperty("state").GetString()));
        var history = await meetings.HistoryAsync("board");
        Assert.Equal("The chair is unavailable", Assert.Single(history, h => h.Type == "cancelled").Detail);
        Assert.DoesNotContain(history, h => h.At > At("2026-01-20T10:00:00Z"));

        var outbox = await meetings.OutboxAsync("board");
        var notice = Assert.Single(outbox, e => e.Kind == "meetings/cancelled");
        Assert.Equal(8, notice.To.Count);
        Assert.Contains("METHOD:CANCEL", Assert.Single(notice.Attachments).Content, StringComparison.Ordinal);
        Assert.DoesNotContain("chair is unavailable", notice.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, outbox.Count(e => e.Kind == "meetings/paper-not-needed"));
        Assert.DoesNotContain(outbox, e => e.SentAt > At("2026-01-20T10:00:00Z"));

        Assert.Equal(HttpStatusCode.Conflict, (await meetings.PostAsync("board", "cancel", new { reason = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await meetings.UploadAsync("board", "audit", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await meetings.PostAsync("board", "reschedule", new { startsAt = At("2026-04-14T10:00:00Z") })).StatusCode);
    }

    private static JsonElement Deadline(JsonElement meeting, string name) =>
        meeting.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
}
