using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Safeguarding.Workflows.Host.Tests.Meetings.MeetingsClient;

namespace Safeguarding.Workflows.Host.Tests.Meetings;

/// <summary>After the meeting over HTTP: attendance and quorum, notes, actions reminded, chased and completed.</summary>
public sealed class MeetingAfterwardsApiTests
{
    private static readonly object AllThree = new
    {
        present = new[]
        {
            new { agency = "Staffordshire County Council", role = "Director for Children's Services" },
            new { agency = "Staffordshire Police", role = "nominated-deputy" },
            new { agency = "Staffordshire and Stoke-on-Trent Integrated Care Board", role = "Chief Nursing and Therapies Officer" },
        },
        declarations = new[] { new { agency = "Staffordshire Police", role = "nominated-deputy", interest = "Manages the audit's author", paperId = "audit" } },
    };

    [Fact]
    public async Task Attendance_quorum_notes_and_actions_through_to_completion()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        await meetings.ScheduleAsync("board", At("2026-02-14T10:00:00Z"));

        Assert.Equal(HttpStatusCode.Conflict, (await meetings.PostAsync("board", "attendance", AllThree)).StatusCode); // not held yet

        await meetings.MoveClockTo(At("2026-02-14T13:00:00Z"));
        Assert.Equal(HttpStatusCode.Conflict, (await meetings.PostAsync("board", "notes", new { summary = "Notes", actions = Array.Empty<object>() })).StatusCode); // attendance first

        var attendance = await meetings.PostAsync("board", "attendance", AllThree);
        Assert.Equal(HttpStatusCode.OK, attendance.StatusCode);
        var quorum = await attendance.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(quorum.GetProperty("quorate").GetBoolean());
        Assert.False(quorum.GetProperty("pendingRatification").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await meetings.PostAsync("board", "attendance", AllThree)).StatusCode); // the same again

        await meetings.MoveClockTo(At("2026-02-16T10:00:00Z"));
        var notes = await meetings.PostAsync("board", "notes", new
        {
            summary = "Performance and audit discussed.",
            actions = new[]
            {
                new { id = "threshold", title = "Refresh the threshold document", owner = new { name = "Olive Owner", email = "olive@council.example.org", agency = "Staffordshire County Council" }, dueOn = "2026-03-13" },
            },
        });
        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
        var meeting = await notes.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("met", Deadline(meeting, "notes").GetProperty("state").GetString());
        Assert.Equal("2026-03-13", Deadline(meeting, "action:threshold").GetProperty("dueOn").GetString());

        await meetings.MoveClockTo(At("2026-03-17T10:00:00Z"));
        meeting = await meetings.GetAsync("board");
        Assert.Equal("overdue", meeting.GetProperty("actions")[0].GetProperty("status").GetString());
        var history = await meetings.HistoryAsync("board");
        Assert.Equal(At("2026-03-10T09:00:00Z"), Assert.Single(history, h => h.Type == "action-reminder-sent").At);
        Assert.Equal(At("2026-03-16T09:00:00Z"), Assert.Single(history, h => h.Type == "action-chased").At);

        var outbox = await meetings.OutboxAsync("board");
        Assert.Equal(8, Assert.Single(outbox, e => e.Kind == "meetings/notes").To.Count);
        Assert.Equal(
            [("meetings/action-assigned", At("2026-02-16T10:00:00Z")), ("meetings/action-reminder", At("2026-03-10T09:00:00Z")), ("meetings/action-chase", At("2026-03-16T09:00:00Z"))],
            outbox.Where(e => e.Kind.StartsWith("meetings/action-", StringComparison.Ordinal)).Select(e => (e.Kind, e.SentAt)));
        Assert.All(outbox.Where(e => e.Kind.StartsWith("meetings/action-", StringComparison.Ordinal)), e => Assert.Equal(["olive@council.example.org"], e.To));

        var done = await meetings.Http.PostAsync($"{meetings.Path("board")}/actions/threshold/complete", null);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        meeting = await done.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", meeting.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await meetings.Http.PostAsync($"{meetings.Path("board")}/actions/threshold/complete", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await meetings.Http.PostAsync($"{meetings.Path("board")}/actions/unknown/complete", null)).StatusCode);
    }

    [Fact]
    public async Task A_meeting_without_one_partner_is_inquorate_and_pending_ratification()
    {
        await using var factory = new ServiceFactory();
        var meetings = new MeetingsClient(factory);
        await meetings.ScheduleAsync("board", At("2026-01-12T10:00:00Z"), papers: []);
        await meetings.MoveClockTo(At("2026-01-12T12:00:00Z"));

        var response = await meetings.PostAsync("board", "attendance", new
        {
            present = new[]
            {
                new { agency = "Staffordshire County Council", role = "lead" },
                new { agency = "Staffordshire Police", role = "Assistant Chief Constable" },
                new { agency = "Staffordshire and Stoke-on-Trent Integrated Care Board", role = "Designated Nurse" },
            },
            declarations = Array.Empty<object>(),
        });

        var quorum = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(quorum.GetProperty("quorate").GetBoolean());
        Assert.True(quorum.GetProperty("pendingRatification").GetBoolean());
        Assert.Equal(["icb"], quorum.GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains(await meetings.HistoryAsync("board"), h => h.Type == "pending-ratification");
    }

    private static JsonElement Deadline(JsonElement meeting, string name) =>
        meeting.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("name").GetString() == name);
}
