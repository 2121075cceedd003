using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

public sealed class MeetingCancelTests
{
    private static readonly Meeting Scheduled = Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State;

    [Fact]
    public void Cancelling_stops_every_pending_action_and_tells_members_and_awaited_authors()
    {
        var now = At("2026-01-20T10:00:00Z");
        var withPaper = Scheduled.ReceivePaper("performance", File1, "ann", At("2026-01-19T10:00:00Z")).Changed().State;

        var cancelled = withPaper.Cancel("Chair unavailable", "board-manager", now);

        Assert.Equal(ProcessStatus.Cancelled, cancelled.State.Status);
        Assert.Null(cancelled.State.NextWakeAt);
        Assert.DoesNotContain(cancelled.State.Steps, s => s.IsPending);
        Assert.All(cancelled.State.Deadlines, d => Assert.Equal(DeadlineState.Waived, d.State));
        Assert.Equal(new TimelineEntry(now, "cancelled", "board-manager", "Chair unavailable"), cancelled.State.Timeline.First(t => t.Type == "cancelled"));

        var notice = Assert.Single(cancelled.Emails, e => e.Template == MeetingTemplates.Cancelled);
        Assert.Equal(Scheduled.Circulation, notice.To);
        Assert.Equal((InviteMethod.Cancel, 1), (notice.Invite!.Method, notice.Invite.Sequence));
        Assert.Equal(["bob@police.example.org", "cy@icb.example.org"],
            cancelled.Emails.Where(e => e.Template == MeetingTemplates.PaperNotNeeded).Select(e => e.To[0].Email));
        Assert.DoesNotContain(cancelled.Emails, e => e.Values.Values.Contains("Chair unavailable")); // the reason stays in the history

        Assert.Same(cancelled.State, cancelled.State.Wake(At("2026-03-01T00:00:00Z")).State);
    }

    [Fact]
    public void Cancelling_twice_changes_nothing()
    {
        var cancelled = Scheduled.Cancel("Chair unavailable", "board-manager", At("2026-01-20T10:00:00Z")).State;
        var again = cancelled.Cancel("Again", "board-manager", At("2026-01-21T10:00:00Z"));

        Assert.Same(cancelled, again.State);
        Assert.Empty(again.Emails);
    }

    [Fact]
    public void After_circulation_authors_are_not_written_to_but_members_are()
    {
        var circulated = RunUntil(Scheduled, At("2026-02-06T09:00:00Z")).Meeting;

        var cancelled = circulated.Cancel("Postponed", "board-manager", At("2026-02-09T10:00:00Z"));

        Assert.Equal(MeetingTemplates.Cancelled, Assert.Single(cancelled.Emails).Template);
        Assert.Equal(DeadlineState.Met, cancelled.State.Deadlines.Single(d => d.Name == MeetingDeadlines.Circulation).State);
        Assert.Equal(DeadlineState.Missed, cancelled.State.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
    }

    [Fact]
    public void Commands_on_a_cancelled_meeting_are_refused()
    {
        var cancelled = Scheduled.Cancel("Chair unavailable", "board-manager", At("2026-01-20T10:00:00Z")).State;

        Assert.Equal(DecisionOutcome.NotOpen, cancelled.ReceivePaper("audit", File1, "bob", At("2026-01-21T10:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.NotOpen, cancelled.RecordAttendance(new([], []), Arrangements, "x", At("2026-02-14T12:00:00Z")).Outcome);
    }
}
