using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>Time driving a meeting: reminders, chasers, circulation, late papers; idempotent and exactly once.</summary>
public sealed class MeetingWakeTests
{
    private static readonly Meeting Scheduled = Schedule(SaturdayMeeting, At("2026-01-05T08:00:00Z")).State;

    [Fact]
    public void Waking_before_anything_is_due_returns_the_same_state()
    {
        Assert.Same(Scheduled, Scheduled.Wake(At("2026-01-27T08:59:59Z")).State);
    }

    [Fact]
    public void Waking_twice_at_the_same_instant_does_nothing_the_second_time()
    {
        var once = Scheduled.Wake(At("2026-01-27T09:00:00Z"));
        var twice = once.State.Wake(At("2026-01-27T09:00:00Z"));

        Assert.Equal(3, once.Emails.Count);
        Assert.Same(once.State, twice.State);
        Assert.Empty(twice.Emails);
    }

    [Fact]
    public void One_paper_on_time_one_late_one_never_from_request_to_late_paper()
    {
        var (meeting, emails) = RunUntil(Scheduled, At("2026-01-27T09:00:00Z"));
        Assert.Equal(3, emails.Count(e => e.Template == MeetingTemplates.PaperReminder));
        Assert.All(emails, e => Assert.Equal("false", e.Values["dueToday"]));

        meeting = meeting.ReceivePaper("performance", File1, "ann", At("2026-01-28T14:00:00Z")).Changed().State;
        Assert.Equal(PaperStatus.Received, meeting.Paper("performance")!.Status);

        (meeting, emails) = RunUntil(meeting, At("2026-02-06T09:00:00Z"));
        var onTheDay = emails.Where(e => e.Template == MeetingTemplates.PaperReminder).ToList();
        Assert.Equal(["bob@police.example.org", "cy@icb.example.org"], onTheDay.Select(e => e.To[0].Email));
        Assert.All(onTheDay, e => Assert.Equal("true", e.Values["dueToday"]));
        var chasers = emails.Where(e => e.Template == MeetingTemplates.PaperChase).ToList();
        Assert.Equal(8, chasers.Count); // two authors, Mon 2 to Thu 5 February
        Assert.Equal(
            [At("2026-02-02T09:00:00Z"), At("2026-02-03T09:00:00Z"), At("2026-02-04T09:00:00Z"), At("2026-02-05T09:00:00Z")],
            chasers.Select(c => c.CreatedAt).Distinct());

        var pack = Assert.Single(emails, e => e.Template == MeetingTemplates.Pack);
        Assert.Equal(At("2026-02-06T09:00:00Z"), pack.CreatedAt);
        Assert.Equal(9, pack.To.Count); // eight members and deputies, and the business manager
        Assert.Equal(("Performance report", "received", "/partnerships/staffordshire/meetings/board-2026-02/papers/performance"),
            (pack.Values["paper1Title"], pack.Values["paper1Status"], pack.Values["paper1Link"]));
        Assert.Equal("missing", pack.Values["paper2Status"]);
        Assert.Equal("missing", pack.Values["paper3Status"]);
        Assert.Equal(("3", "1", "2"), (pack.Values["paperCount"], pack.Values["receivedCount"], pack.Values["missingCount"]));
        Assert.Equal(At("2026-02-06T09:00:00Z"), meeting.CirculatedAt);

        var paperDeadline = meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline);
        Assert.Equal(DeadlineState.Missed, paperDeadline.State);
        Assert.Contains(meeting.Timeline, t => t.Type == "deadline-missed" && t.Detail == "paper-deadline" && t.At == At("2026-01-31T00:00:00Z"));
        Assert.Equal(DeadlineState.Met, meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.Circulation).State);

        // After circulation nobody is chased any more; a paper that arrives now goes out at once as a late paper.
        var late = meeting.ReceivePaper("audit", File1, "bob", At("2026-02-09T11:30:00Z")).Changed();
        Assert.Equal(PaperStatus.Late, late.State.Paper("audit")!.Status);
        var latePaper = Assert.Single(late.Emails);
        Assert.Equal(MeetingTemplates.LatePaper, latePaper.Template);
        Assert.Equal("staffordshire/meeting/board-2026-02/late-paper/audit/v1", latePaper.Id);
        Assert.Equal(9, latePaper.To.Count);
        Assert.Equal("false", latePaper.Values["revised"]);
        Assert.Equal(PaperStatus.Awaited, late.State.Paper("health")!.Status);
        Assert.Empty(RunUntil(late.State, At("2026-02-13T23:00:00Z")).Emails);

        // Every email is sent once: ids are unique over the whole run.
        Assert.Equal(emails.Count, emails.Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public void A_late_wake_catching_up_sends_only_the_latest_reminder_for_each_paper()
    {
        var woken = Scheduled.Wake(At("2026-02-03T10:00:00Z"));

        Assert.Equal(3, woken.Emails.Count);
        Assert.All(woken.Emails, e => Assert.Equal(MeetingTemplates.PaperChase, e.Template));
        Assert.All(woken.Emails, e => Assert.EndsWith("/2026-02-03", e.Id));
        Assert.DoesNotContain(woken.State.Steps, s => s.IsPending && s.DueAt <= At("2026-02-03T10:00:00Z"));
        Assert.Equal(At("2026-02-04T09:00:00Z"), woken.State.NextWakeAt);
    }

    [Fact]
    public void A_wake_after_circulation_time_sends_the_pack_and_no_stale_chasers()
    {
        var woken = Scheduled.Wake(At("2026-02-06T12:00:00Z"));

        var pack = Assert.Single(woken.Emails);
        Assert.Equal(MeetingTemplates.Pack, pack.Template);
        Assert.Equal(DeadlineState.Met, woken.State.Deadlines.Single(d => d.Name == MeetingDeadlines.Circulation).State);
        Assert.Contains(woken.State.Timeline, t => t.Type == "deadline-missed" && t.Detail == "paper-deadline");
        Assert.Equal(woken.State.Timeline.OrderBy(t => t.At).Select(t => t.At), woken.State.Timeline.Select(t => t.At));
    }

    [Fact]
    public void A_paper_received_before_its_deadline_stops_its_reminders_and_when_all_are_in_the_deadline_is_met()
    {
        var meeting = Scheduled;
        foreach (var paper in ThreePapers)
        {
            meeting = meeting.ReceivePaper(paper.Id, File1, "author", At("2026-01-20T10:00:00Z")).Changed().State;
        }

        Assert.DoesNotContain(meeting.Steps, s => s.IsAboutPaper);
        Assert.Equal(DeadlineState.Met, meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
        var (_, emails) = RunUntil(meeting, At("2026-02-06T09:00:00Z"));
        var pack = Assert.Single(emails);
        Assert.Equal("0", pack.Values["missingCount"]);
    }

    [Fact]
    public void A_new_version_before_circulation_stays_received_and_after_it_goes_out_as_a_revised_late_paper()
    {
        var meeting = Scheduled.ReceivePaper("performance", File1, "ann", At("2026-01-20T10:00:00Z")).Changed().State;
        var second = meeting.ReceivePaper("performance", File1 with { Version = 2 }, "ann", At("2026-01-21T10:00:00Z")).Changed();
        Assert.Empty(second.Emails);
        Assert.Equal((PaperStatus.Received, 2, At("2026-01-20T10:00:00Z")), (second.State.Paper("performance")!.Status, second.State.Paper("performance")!.Version, second.State.Paper("performance")!.ReceivedAt!.Value));

        var circulated = RunUntil(second.State, At("2026-02-06T09:00:00Z")).Meeting;
        var third = circulated.ReceivePaper("performance", File1 with { Version = 3 }, "ann", At("2026-02-09T10:00:00Z")).Changed();
        var email = Assert.Single(third.Emails);
        Assert.Equal(MeetingTemplates.LatePaper, email.Template);
        Assert.Equal("true", email.Values["revised"]);
        Assert.Equal(PaperStatus.Received, third.State.Paper("performance")!.Status);
    }

    [Fact]
    public void Notes_not_recorded_in_time_tell_the_business_manager_once()
    {
        var (meeting, emails) = RunUntil(Scheduled, At("2026-03-02T12:00:00Z"));

        var overdue = Assert.Single(emails, e => e.Template == MeetingTemplates.NotesOverdue);
        Assert.Equal("board-manager@staffordshire.example.org", Assert.Single(overdue.To).Email);
        Assert.Equal(At("2026-02-28T00:00:00Z"), overdue.CreatedAt);
        Assert.Equal(DeadlineState.Missed, meeting.Deadlines.Single(d => d.Name == MeetingDeadlines.Notes).State);
        Assert.Null(meeting.NextWakeAt);
    }
}
