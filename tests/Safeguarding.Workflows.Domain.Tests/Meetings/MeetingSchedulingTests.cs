using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

public sealed class MeetingSchedulingTests
{
    private static readonly DateTimeOffset Monday5January = At("2026-01-05T08:00:00Z");

    [Fact]
    public void Scheduling_fixes_the_dates_and_chair_invites_members_and_asks_every_author()
    {
        var (meeting, emails) = Schedule(SaturdayMeeting, Monday5January);

        Assert.Equal(Day("2026-02-14"), meeting.Dates.MeetingOn);
        Assert.Equal(Day("2026-02-06"), meeting.Dates.CirculationOn);
        Assert.Equal(Day("2026-01-30"), meeting.Dates.PaperDeadlineOn);
        Assert.False(meeting.ShortNotice);
        Assert.Equal(PartnerKind.Police, meeting.Chair.Partner);
        Assert.All(meeting.Papers, p => Assert.Equal(PaperStatus.Awaited, p.Status));

        var invitation = Assert.Single(emails, e => e.Template == MeetingTemplates.Invitation);
        Assert.Equal(Arrangements.MembersAndDeputies.Select(c => c.Email), invitation.To.Select(t => t.Email));
        Assert.Equal(8, invitation.To.Count); // five members, three of them with a nominated deputy
        Assert.Equal(new CalendarInvite(
            "board-2026-02.staffordshire.meeting@safeguarding-workflows", 0, InviteMethod.Request, "Partnership board",
            SaturdayMeeting, SaturdayMeeting.AddHours(2), "County Buildings"), invitation.Invite);

        var requests = emails.Where(e => e.Template == MeetingTemplates.PaperRequest).ToList();
        Assert.Equal(["ann@council.example.org", "bob@police.example.org", "cy@icb.example.org"], requests.Select(r => Assert.Single(r.To).Email));
        var request = requests[1];
        Assert.Equal("staffordshire/meeting/board-2026-02/paper-request/audit/2026-01-05", request.Id);
        Assert.Equal("/forms/meetings/staffordshire/board-2026-02/papers/audit", request.Values["uploadLink"]);
        Assert.Equal("2026-01-30", request.Values["paperDeadlineOn"]);
        Assert.Equal("Staffordshire Safeguarding Children Partnership", request.Values["partnershipName"]);
        Assert.Equal(Monday5January, request.CreatedAt);
    }

    [Fact]
    public void Scheduling_plans_reminders_chasers_circulation_and_deadlines()
    {
        var meeting = Schedule(SaturdayMeeting, Monday5January).State;

        var forAudit = meeting.Steps.Where(s => s.Target == "audit").Select(s => (s.Kind, s.DueAt)).ToList();
        Assert.Equal(
        [
            (MeetingStepKind.PaperReminder, At("2026-01-27T09:00:00Z")),
            (MeetingStepKind.PaperReminder, At("2026-01-30T09:00:00Z")),
            (MeetingStepKind.PaperChase, At("2026-02-02T09:00:00Z")),
            (MeetingStepKind.PaperChase, At("2026-02-03T09:00:00Z")),
            (MeetingStepKind.PaperChase, At("2026-02-04T09:00:00Z")),
            (MeetingStepKind.PaperChase, At("2026-02-05T09:00:00Z")),
        ], forAudit);
        Assert.Equal(At("2026-02-06T09:00:00Z"), meeting.CirculationDueAt);
        Assert.Equal(At("2026-01-27T09:00:00Z"), meeting.NextWakeAt);
        Assert.Equal(
            [("paper-deadline", "2026-01-30"), ("circulation", "2026-02-06"), ("notes", "2026-02-27")],
            meeting.Deadlines.Select(d => (d.Name, d.DueOn.ToString("yyyy-MM-dd"))));
        Assert.All(meeting.Deadlines, d => Assert.Equal(DeadlineState.Pending, d.State));
        Assert.Equal(["scheduled", "invitation-sent", "paper-requested", "paper-requested", "paper-requested"], meeting.Timeline.Select(t => t.Type));
    }

    [Fact]
    public void In_summer_the_pack_goes_at_nine_London_time()
    {
        var meeting = Schedule(At("2026-07-16T09:00:00Z"), Monday5January).State;

        Assert.Equal(At("2026-07-09T09:00:00+01:00"), meeting.CirculationDueAt);
    }

    [Theory]
    [InlineData("2026-02-09T08:59:00Z", false)] // Monday 16 Feb meeting, circulation Mon 9 Feb at 09:00: still in time
    [InlineData("2026-02-09T09:00:00Z", true)]
    [InlineData("2026-02-10T10:00:00Z", true)]  // six days' notice
    [InlineData("2026-02-07T12:00:00Z", false)] // Saturday, nine days' notice: paper deadline already gone, circulation not
    public void Less_notice_than_circulation_needs_is_short_notice(string scheduledAt, bool shortNotice)
    {
        var meeting = Schedule(At("2026-02-16T10:00:00Z"), At(scheduledAt)).State;

        Assert.Equal(shortNotice, meeting.ShortNotice);
    }

    [Fact]
    public void A_short_notice_meeting_circulates_at_once_and_waives_the_paper_deadline()
    {
        var now = At("2026-02-10T10:00:00Z");
        var scheduled = Schedule(At("2026-02-16T10:00:00Z"), now);

        Assert.Equal(Day("2026-02-10"), scheduled.State.Dates.CirculationOn);
        Assert.Equal(now, scheduled.State.NextWakeAt);
        Assert.Contains(scheduled.State.Timeline, t => t.Type == MeetingEvents.ShortNotice);
        Assert.All(scheduled.Emails.Where(e => e.Template == MeetingTemplates.PaperRequest), e => Assert.Equal("true", e.Values["shortNotice"]));
        Assert.DoesNotContain(scheduled.State.Steps, s => s.IsAboutPaper);

        // The engine wakes straight after scheduling: the pack goes with every paper missing.
        var woken = scheduled.State.Wake(now);
        var pack = Assert.Single(woken.Emails);
        Assert.Equal(MeetingTemplates.Pack, pack.Template);
        Assert.Equal("true", pack.Values["shortNotice"]);
        Assert.Equal("3", pack.Values["missingCount"]);
        Assert.Equal(DeadlineState.Waived, woken.State.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
        Assert.Equal(DeadlineState.Met, woken.State.Deadlines.Single(d => d.Name == MeetingDeadlines.Circulation).State);
    }

    [Fact]
    public void Nine_days_notice_skips_reminders_already_past_and_waives_a_paper_deadline_already_gone()
    {
        // Monday 16 Feb: circulation Mon 9 Feb, paper deadline Mon 2 Feb; scheduled Saturday 7 Feb.
        var meeting = Schedule(At("2026-02-16T10:00:00Z"), At("2026-02-07T12:00:00Z")).State;

        Assert.Equal(DeadlineState.Waived, meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
        Assert.DoesNotContain(meeting.Steps, s => s.Kind == MeetingStepKind.PaperReminder);
        Assert.DoesNotContain(meeting.Steps, s => s.IsAboutPaper); // chasers were 3 to 6 Feb: all past
        Assert.Equal(At("2026-02-09T09:00:00Z"), meeting.NextWakeAt);
    }

    [Fact]
    public void A_meeting_without_papers_has_no_paper_deadline()
    {
        var meeting = Schedule(SaturdayMeeting, Monday5January, papers: []).State;

        Assert.DoesNotContain(meeting.Deadlines, d => d.Name == MeetingDeadlines.PaperDeadline);
        Assert.Equal(At("2026-02-06T09:00:00Z"), meeting.NextWakeAt);
    }

    [Fact]
    public void The_creation_request_is_compared_by_value()
    {
        var request = new MeetingRequest("Partnership board", SaturdayMeeting, "County Buildings", ThreePapers);
        var same = new MeetingRequest("Partnership board", SaturdayMeeting.ToOffset(TimeSpan.FromHours(1)), "County Buildings", [.. ThreePapers]);

        Assert.True(request.Matches(same));
        Assert.False(request.Matches(same with { Location = null }));
        Assert.False(request.Matches(same with { Papers = ThreePapers.RemoveAt(2) }));
    }
}
