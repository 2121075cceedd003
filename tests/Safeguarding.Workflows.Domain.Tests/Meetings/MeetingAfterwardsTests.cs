using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>After the meeting: attendance and quorum, declarations, notes, actions with reminders and chases.</summary>
public sealed class MeetingAfterwardsTests
{
    private static readonly DateTimeOffset MeetingDay = At("2026-02-14T13:00:00Z");
    private static readonly Meeting Held = RunUntil(Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State, MeetingDay).Meeting;

    private static readonly AttendanceReport AllThree = new(
        [
            new("Staffordshire County Council", "delegated-officer"),
            new("Staffordshire Police", "Nominated deputy for the Assistant Chief Constable"),
            new("Staffordshire and Stoke-on-Trent Integrated Care Board", "Chief Nursing and Therapies Officer"),
        ],
        [new("Staffordshire Police", "nominated-deputy", "Line manager of the audit's author", "audit")]);

    private static readonly AgencyContact Owner = new("Olive Owner", "olive@council.example.org", "Staffordshire County Council");

    private static readonly NotesReport TwoActions = new("Discussed performance and the audit.",
    [
        new("refresh-threshold", "Refresh the threshold document", Owner, Day("2026-03-13")),
        new("audit-followup", "Follow up the audit findings", Owner with { Email = "pat@police.example.org" }, Day("2026-03-20")),
    ]);

    private static Meeting Attended(AttendanceReport? report = null) =>
        Held.RecordAttendance(report ?? AllThree, Arrangements, "board-manager", MeetingDay).Changed().State;

    [Fact]
    public void Attendance_cannot_be_recorded_before_the_meeting_date()
    {
        var before = Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State;

        Assert.Equal(DecisionOutcome.Conflict, before.RecordAttendance(AllThree, Arrangements, "board-manager", At("2026-02-13T23:00:00Z")).Outcome);
    }

    [Fact]
    public void Attendance_records_quorum_and_declarations()
    {
        var meeting = Attended();

        Assert.True(meeting.Attendance!.Quorum.Quorate);
        Assert.False(meeting.Attendance.PendingRatification);
        Assert.Equal("audit", Assert.Single(meeting.Attendance.Report.Declarations).PaperId);
        Assert.Equal([MeetingEvents.AttendanceRecorded, MeetingEvents.DeclarationsRecorded], meeting.Timeline.TakeLast(2).Select(t => t.Type));
    }

    [Fact]
    public void An_inquorate_meeting_proceeds_with_its_decisions_pending_ratification()
    {
        var meeting = Attended(new([new("Staffordshire County Council", "lead"), new("Staffordshire Police", "lead")], []));

        Assert.False(meeting.Attendance!.Quorum.Quorate);
        Assert.Equal([PartnerKind.Icb], meeting.Attendance.Quorum.Missing);
        Assert.True(meeting.Attendance.PendingRatification);
        Assert.Contains(meeting.Timeline, t => t.Type == MeetingEvents.PendingRatification);

        var notes = meeting.RecordNotes(new NotesReport("Short meeting.", []), Arrangements, England, "board-manager", MeetingDay).Changed();
        Assert.Equal("true", Assert.Single(notes.Emails).Values["pendingRatification"]);
    }

    [Fact]
    public void The_same_attendance_again_is_a_no_op_and_a_different_one_is_refused()
    {
        var meeting = Attended();

        Assert.Equal(DecisionOutcome.Unchanged, meeting.RecordAttendance(AllThree with { Present = [.. AllThree.Present] }, Arrangements, "x", MeetingDay).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, meeting.RecordAttendance(AllThree with { Declarations = [] }, Arrangements, "x", MeetingDay).Outcome);
    }

    [Fact]
    public void Notes_need_attendance_first()
    {
        Assert.Equal(DecisionOutcome.Conflict, Held.RecordNotes(TwoActions, Arrangements, England, "board-manager", MeetingDay).Outcome);
    }

    [Fact]
    public void Notes_circulate_meet_the_notes_deadline_and_give_each_action_a_deadline_reminder_and_chase()
    {
        var now = At("2026-02-16T10:00:00Z");
        var recorded = Attended().RecordNotes(TwoActions, Arrangements, England, "board-manager", now).Changed();
        var meeting = recorded.State;

        Assert.Equal(DeadlineState.Met, meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.Notes).State);
        Assert.Equal(LondonEndOf("2026-03-13"), meeting.Deadlines.Single(d => d.Name == "action:refresh-threshold").DueAt);
        Assert.Equal(
            [(MeetingStepKind.ActionReminder, At("2026-03-10T09:00:00Z")), (MeetingStepKind.ActionChase, At("2026-03-16T09:00:00Z"))],
            meeting.Steps.Where(s => s.Target == "refresh-threshold").Select(s => (s.Kind, s.DueAt)));

        var notes = Assert.Single(recorded.Emails, e => e.Template == MeetingTemplates.Notes);
        Assert.Equal(8, notes.To.Count);
        Assert.Equal("2", notes.Values["actionCount"]);
        Assert.DoesNotContain(notes.Values.Values, v => v.Contains("Discussed", StringComparison.Ordinal)); // the notes stay behind the link
        Assert.Equal(["olive@council.example.org", "pat@police.example.org"],
            recorded.Emails.Where(e => e.Template == MeetingTemplates.ActionAssigned).Select(e => e.To[0].Email));
        Assert.Equal(ProcessStatus.Open, meeting.Status);
    }

    [Fact]
    public void An_action_done_early_is_not_reminded_an_open_one_is_reminded_then_chased_and_the_meeting_completes_when_all_are_done()
    {
        var meeting = Attended().RecordNotes(TwoActions, Arrangements, England, "board-manager", At("2026-02-16T10:00:00Z")).Changed().State;
        meeting = meeting.CompleteAction("refresh-threshold", "olive", At("2026-03-02T10:00:00Z")).Changed().State;
        Assert.Equal(DeadlineState.Met, meeting.Deadlines.Single(d => d.Name == "action:refresh-threshold").State);

        var (late, emails) = RunUntil(meeting, At("2026-03-24T12:00:00Z"));

        // audit-followup due Fri 20 March: reminded Tue 17, chased Mon 23 after the deadline passed.
        Assert.Equal(
            [(MeetingTemplates.ActionReminder, At("2026-03-17T09:00:00Z")), (MeetingTemplates.ActionChase, At("2026-03-23T09:00:00Z"))],
            emails.Select(e => (e.Template, e.CreatedAt)));
        Assert.All(emails, e => Assert.Equal("pat@police.example.org", e.To[0].Email));
        Assert.True(late.Deadlines.Single(d => d.Name == "action:audit-followup").IsOverdue);

        var done = late.CompleteAction("audit-followup", "pat", At("2026-03-25T10:00:00Z")).Changed().State;
        Assert.Equal(ProcessStatus.Completed, done.Status);
        Assert.Equal(MeetingEvents.Completed, done.Timeline[^1].Type);
        Assert.Equal(DecisionOutcome.Unchanged, done.CompleteAction("audit-followup", "pat", At("2026-03-26T10:00:00Z")).Outcome);
    }

    [Fact]
    public void Notes_without_actions_complete_the_meeting()
    {
        var meeting = Attended().RecordNotes(new("Nothing to action.", []), Arrangements, England, "board-manager", At("2026-02-16T10:00:00Z")).Changed().State;

        Assert.Equal(ProcessStatus.Completed, meeting.Status);
        Assert.Null(meeting.NextWakeAt);
    }

    [Fact]
    public void The_same_notes_again_are_a_no_op_and_different_ones_are_refused()
    {
        var meeting = Attended().RecordNotes(TwoActions, Arrangements, England, "board-manager", At("2026-02-16T10:00:00Z")).Changed().State;

        Assert.Equal(DecisionOutcome.Unchanged, meeting.RecordNotes(TwoActions with { Actions = [.. TwoActions.Actions] }, Arrangements, England, "x", At("2026-02-17T10:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, meeting.RecordNotes(TwoActions with { Summary = "Other" }, Arrangements, England, "x", At("2026-02-17T10:00:00Z")).Outcome);
    }

    [Fact]
    public void A_declaration_about_a_paper_the_meeting_does_not_have_is_invalid_naming_it()
    {
        var report = AllThree with { Declarations = [.. AllThree.Declarations, new("Staffordshire Police", "lead", "Interest", "no-such-paper")] };

        var refused = Held.RecordAttendance(report, Arrangements, "board-manager", MeetingDay);

        Assert.Equal(DecisionOutcome.Invalid, refused.Outcome);
        Assert.Equal("declarations[1].paperId", refused.Field);
        Assert.Null(refused.Transition);
    }

    [Fact]
    public void A_paper_or_an_action_the_meeting_does_not_have_is_not_found()
    {
        var meeting = Attended().RecordNotes(TwoActions, Arrangements, England, "board-manager", At("2026-02-16T10:00:00Z")).Changed().State;

        Assert.Equal(DecisionOutcome.NotFound, meeting.CompleteAction("no-such-action", "x", At("2026-02-17T10:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.NotFound, meeting.ReceivePaper("no-such-paper", File1, "x", At("2026-02-17T10:00:00Z")).Outcome);
    }

    private static DateTimeOffset LondonEndOf(string date) => Safeguarding.Workflows.Domain.Calendar.LondonTime.EndOfDay(Day(date));
    [Fact]
    public void Attendance_that_makes_an_agency_miss_two_meetings_in_a_row_emails_the_independent_chair_once()
    {
        var january = new AttendedMeeting(Day("2026-01-13"), [new("Staffordshire County Council", "lead"), new("Staffordshire and Stoke-on-Trent Integrated Care Board", "lead")]);
        var withoutPolice = AllThree with { Present = [.. AllThree.Present.Where(a => a.Agency != "Staffordshire Police")] };

        var recorded = Held.RecordAttendance(withoutPolice, Arrangements, "board-manager", MeetingDay, [january]).Changed();

        var email = Assert.Single(recorded.Emails);
        Assert.Equal(MeetingTemplates.AbsencesInARow, email.Template);
        Assert.Equal("independent-chair@staffordshire.example.org", Assert.Single(email.To).Email);
        Assert.Equal(("Staffordshire Police", "2", "2026-01-13"), (email.Values["agency"], email.Values["missedCount"], email.Values["absentSince"]));
        Assert.Equal("/partnerships/staffordshire/timeliness?year=2025#attendance", email.Values["timelinessLink"]);
        Assert.Equal("staffordshire/meeting/board-2026-02/absences-in-a-row/staffordshire-police", email.Id);
        var entry = Assert.Single(recorded.State.Timeline, e => e.Type == MeetingEvents.AbsencesInARow);
        Assert.Equal("Staffordshire Police has missed 2 meetings in a row, since 2026-01-13; Independent Chair and Scrutineer was emailed", entry.Detail);

        // The same attendance again changes nothing and sends nothing: attendance is recorded once per meeting.
        Assert.Equal(DecisionOutcome.Unchanged, recorded.State.RecordAttendance(withoutPolice, Arrangements, "board-manager", MeetingDay, [january]).Outcome);

        // Turned off, or with no independent chair named: nobody is emailed (the history says so in the second case).
        var off = Arrangements with { Meetings = Arrangements.Meetings with { TellChairAfterMissedMeetings = 0 } };
        Assert.Empty(Held.RecordAttendance(withoutPolice, off, "board-manager", MeetingDay, [january]).Changed().Emails);
        var noChair = Held.RecordAttendance(withoutPolice, Arrangements with { IndependentScrutineer = null }, "board-manager", MeetingDay, [january]).Changed();
        Assert.Empty(noChair.Emails);
        Assert.Contains(noChair.State.Timeline, e => e.Type == MeetingEvents.AbsencesInARow
            && e.Detail == "Staffordshire Police has missed 2 meetings in a row, since 2026-01-13; no independent chair is named in the settings, so nobody was emailed");
    }
}
