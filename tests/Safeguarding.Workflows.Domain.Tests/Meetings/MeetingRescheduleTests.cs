using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

public sealed class MeetingRescheduleTests
{
    private static readonly Meeting Scheduled = Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State;
    private static readonly DateTimeOffset AWeekLater = At("2026-02-21T10:00:00Z");

    private static Decision<Meeting> Move(Meeting meeting, DateTimeOffset to, DateTimeOffset now) =>
        meeting.Reschedule(to, Arrangements, England, "board-manager", now);

    [Fact]
    public void Moving_recomputes_every_pending_date_and_sends_an_updated_invitation()
    {
        var moved = Move(Scheduled, AWeekLater, At("2026-01-10T10:00:00Z")).Changed();

        Assert.Equal(Day("2026-02-13"), moved.State.Dates.CirculationOn);
        Assert.Equal(Day("2026-02-06"), moved.State.Dates.PaperDeadlineOn);
        Assert.Equal(
            [("paper-deadline", "2026-02-06"), ("circulation", "2026-02-13"), ("notes", "2026-03-06")],
            moved.State.Deadlines.Select(d => (d.Name, d.DueOn.ToString("yyyy-MM-dd"))));
        Assert.Equal(At("2026-02-13T09:00:00Z"), moved.State.CirculationDueAt);
        Assert.Equal(At("2026-02-03T09:00:00Z"), moved.State.NextWakeAt);

        var update = Assert.Single(moved.Emails, e => e.Template == MeetingTemplates.Rescheduled);
        Assert.Equal(1, update.Invite!.Sequence);
        Assert.Equal(InviteMethod.Request, update.Invite.Method);
        Assert.Equal(AWeekLater, update.Invite.StartsAt);
        Assert.Equal(Scheduled.Circulation, update.To);
        Assert.Equal(3, moved.Emails.Count(e => e.Template == MeetingTemplates.PaperDeadlineChanged));
        Assert.Contains(moved.State.Timeline, t => t.Type == MeetingEvents.Rescheduled && t.Detail.StartsWith("From 2026-02-14 to 2026-02-21", StringComparison.Ordinal));

        // Nothing happens on the old dates.
        var (_, emails) = RunUntil(moved.State, At("2026-02-02T23:00:00Z"));
        Assert.Empty(emails);
    }

    [Fact]
    public void Steps_already_done_stay_done_and_are_not_repeated()
    {
        var (meeting, first) = RunUntil(Scheduled, At("2026-01-27T09:00:00Z"));
        Assert.Equal(3, first.Count);

        // Moved by a week: the reminder of 27 Jan is done; the new ones are 3 and 6 February.
        var moved = Move(meeting, AWeekLater, At("2026-01-28T10:00:00Z")).Changed().State;
        Assert.Equal(3, moved.Steps.Count(s => !s.IsPending));
        var (_, emails) = RunUntil(moved, At("2026-02-13T09:00:00Z"));
        Assert.Equal(
            [At("2026-02-03T09:00:00Z"), At("2026-02-06T09:00:00Z")],
            emails.Where(e => e.Template == MeetingTemplates.PaperReminder).Select(e => e.CreatedAt).Distinct());
        Assert.Equal(At("2026-02-13T09:00:00Z"), Assert.Single(emails, e => e.Template == MeetingTemplates.Pack).CreatedAt);
    }

    [Fact]
    public void Moving_to_a_date_whose_circulation_has_passed_circulates_at_once_as_short_notice()
    {
        var now = At("2026-01-28T10:00:00Z");
        var moved = Move(Scheduled, At("2026-02-02T10:00:00Z"), now).Changed();

        Assert.True(moved.State.ShortNotice);
        Assert.Equal(now, moved.State.NextWakeAt);
        var woken = moved.State.Wake(now);
        Assert.Equal(MeetingTemplates.Pack, Assert.Single(woken.Emails).Template);
        Assert.Equal(DeadlineState.Waived, woken.State.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
    }

    [Fact]
    public void Moving_after_circulation_keeps_the_pack_as_sent_and_moves_only_the_meeting_and_notes()
    {
        var circulated = RunUntil(Scheduled, At("2026-02-06T09:00:00Z")).Meeting;

        var moved = Move(circulated, AWeekLater, At("2026-02-09T10:00:00Z")).Changed();

        Assert.Equal(Day("2026-02-06"), moved.State.Dates.CirculationOn);
        Assert.Equal(Day("2026-02-21"), moved.State.Dates.MeetingOn);
        Assert.Equal(Day("2026-03-06"), moved.State.Deadlines.Single(d => d.Name == MeetingDeadlines.Notes).DueOn);
        Assert.DoesNotContain(moved.Emails, e => e.Template is MeetingTemplates.Pack or MeetingTemplates.PaperDeadlineChanged);
        Assert.Empty(RunUntil(moved.State, At("2026-02-20T23:00:00Z")).Emails);
    }

    [Fact]
    public void Moving_to_the_same_start_changes_nothing()
    {
        Assert.Equal(DecisionOutcome.Unchanged, Move(Scheduled, SaturdayMeeting.ToOffset(TimeSpan.FromHours(2)), At("2026-01-10T10:00:00Z")).Outcome);
    }

    [Fact]
    public void A_held_or_cancelled_meeting_cannot_be_moved()
    {
        var held = RunUntil(Scheduled, At("2026-02-14T12:00:00Z")).Meeting
            .RecordAttendance(new([new("Staffordshire Police", "lead")], []), Arrangements, "board-manager", At("2026-02-14T12:00:00Z")).Changed().State;
        var cancelled = Scheduled.Cancel("Chair unavailable", "board-manager", At("2026-01-10T10:00:00Z")).State;

        Assert.Equal(DecisionOutcome.Conflict, Move(held, AWeekLater, At("2026-02-14T12:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.NotOpen, Move(cancelled, AWeekLater, At("2026-01-10T10:00:00Z")).Outcome);
    }
}
