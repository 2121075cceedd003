using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Meetings;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>The state is stored as JSON (camelCase, enums as strings) and must come back the same.</summary>
public sealed class MeetingJsonTests
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public void A_meeting_with_papers_attendance_notes_and_actions_round_trips()
    {
        var meeting = RunUntil(Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State, At("2026-02-14T12:00:00Z")).Meeting
            .RecordAttendance(new([new("Staffordshire Police", "lead")], [new("Staffordshire Police", "lead", "Interest", null)]), Arrangements, "bm", At("2026-02-14T12:00:00Z")).Changed().State
            .RecordNotes(new("Notes", [new("a1", "Action", new("O", "o@example.org", "Staffordshire Police"), Day("2026-03-13"))]), Arrangements, England, "bm", At("2026-02-16T12:00:00Z")).Changed().State;

        var json = JsonSerializer.Serialize(meeting, Options);
        var back = JsonSerializer.Deserialize<Meeting>(json, Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, Options));
        Assert.Contains("\"status\":\"awaited\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"title\":\"Partnership board\",\"location\"", json, StringComparison.Ordinal); // computed properties are not stored
        Assert.Equal(meeting.NextWakeAt, back.NextWakeAt);
        Assert.Same(back, back.Wake(At("2026-02-16T12:00:00Z")).State);
    }
}
