using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>Papers added to and withdrawn from the agenda after scheduling, and who gets the pack.</summary>
public sealed class MeetingPaperChangesTests
{
    private static readonly DateTimeOffset Monday5January = At("2026-01-05T08:00:00Z");

    private static readonly PaperRequest Finance = new("finance", "Finance report", new("Di Author", "di@council.example.org", "Staffordshire County Council"));

    private static Meeting Scheduled => Schedule(SaturdayMeeting, Monday5January).State;

    [Fact]
    public void A_paper_added_before_circulation_is_asked_for_reminded_and_chased_like_the_others()
    {
        var added = Scheduled.AddPaper(Finance, "board-manager", At("2026-01-12T10:00:00Z")).Changed();

        var paper = added.State.Paper("finance")!;
        Assert.Equal((PaperStatus.Awaited, false), (paper.Status, paper.AddedLate));
        var request = Assert.Single(added.Emails);
        Assert.Equal(MeetingTemplates.PaperRequest, request.Template);
        Assert.Equal("di@council.example.org", Assert.Single(request.To).Email);
        Assert.Equal("/forms/meetings/staffordshire/board-2026-02/papers/finance", request.Values["uploadLink"]);
        Assert.Equal("false", request.Values["lateAddition"]);
        Assert.Equal("false", request.Values["deadlinePassed"]);
        Assert.Equal(
            Scheduled.Steps.Where(s => s.Target == "audit").Select(s => (s.Kind, s.DueAt)),
            added.State.Steps.Where(s => s.Target == "finance").Select(s => (s.Kind, s.DueAt)));
        Assert.Contains(added.State.Timeline, t => t.Type == MeetingEvents.PaperAdded && t.Detail.StartsWith("finance: by Di Author", StringComparison.Ordinal));

        // The same paper again changes nothing; another under the same id is refused.
        Assert.Equal(DecisionOutcome.Unchanged, added.State.AddPaper(Finance, "board-manager", At("2026-01-12T10:05:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, added.State.AddPaper(Finance with { Title = "Budget" }, "board-manager", At("2026-01-12T10:05:00Z")).Outcome);
    }

    [Fact]
    public void A_paper_added_after_the_paper_deadline_is_asked_for_as_soon_as_possible_before_circulation()
    {
        // The deadline was Friday 30 January; the pack goes on Friday 6 February.
        var added = Scheduled.AddPaper(Finance, "board-manager", At("2026-02-02T10:00:00Z")).Changed();

        var request = Assert.Single(added.Emails);
        Assert.Equal(("true", "false"), (request.Values["deadlinePassed"], request.Values["lateAddition"]));
        Assert.Equal("2026-02-06", request.Values["circulationOn"]);
        Assert.False(added.State.Paper("finance")!.AddedLate);
        Assert.Contains(added.State.Timeline, t => t.Type == MeetingEvents.PaperRequested
            && t.Detail == "finance: after the paper deadline, so as soon as possible, before circulation on 2026-02-06");
        // Chased on the working days left before circulation, never for a day already gone.
        Assert.Equal(
            [At("2026-02-03T09:00:00Z"), At("2026-02-04T09:00:00Z"), At("2026-02-05T09:00:00Z")],
            added.State.Steps.Where(s => s.Target == "finance").Select(s => s.DueAt));

        // On the deadline day itself the deadline still stands.
        var onTheDay = Scheduled.AddPaper(Finance, "board-manager", At("2026-01-30T16:00:00Z")).Changed();
        Assert.Equal("false", Assert.Single(onTheDay.Emails).Values["deadlinePassed"]);
    }

    [Fact]
    public void A_paper_added_after_circulation_is_flagged_late_not_chased_and_goes_out_as_a_late_paper()
    {
        var (circulated, _) = RunUntil(Scheduled, At("2026-02-06T09:00:00Z"));
        Assert.NotNull(circulated.CirculatedAt);

        var added = circulated.AddPaper(Finance, "board-manager", At("2026-02-09T10:00:00Z")).Changed();
        Assert.True(added.State.Paper("finance")!.AddedLate);
        Assert.Equal(("true", "false"), (Assert.Single(added.Emails).Values["lateAddition"], added.Emails[0].Values["deadlinePassed"]));
        Assert.DoesNotContain(added.State.Steps, s => s.Target == "finance");

        var received = added.State.ReceivePaper("finance", File1, "di", At("2026-02-10T10:00:00Z")).Changed();
        Assert.Equal(PaperStatus.Late, received.State.Paper("finance")!.Status);
        Assert.Equal(MeetingTemplates.LatePaper, Assert.Single(received.Emails).Template);
    }

    [Fact]
    public void A_withdrawn_paper_is_no_longer_chased_leaves_the_pack_and_cannot_be_uploaded()
    {
        var withdrawn = Scheduled.WithdrawPaper("audit", "Moved to the March meeting", "board-manager", At("2026-01-12T10:00:00Z")).Changed();

        Assert.Equal(PaperStatus.Withdrawn, withdrawn.State.Paper("audit")!.Status);
        var told = Assert.Single(withdrawn.Emails);
        Assert.Equal((MeetingTemplates.PaperWithdrawn, "staffordshire/meeting/board-2026-02/paper-withdrawn/audit"), (told.Template, told.Id));
        Assert.Equal("bob@police.example.org", Assert.Single(told.To).Email);
        Assert.Equal(("Multi-agency audit", "2026-01-12", "false"), (told.Values["paperTitle"], told.Values["withdrawnOn"], told.Values["received"]));
        Assert.DoesNotContain(told.Values.Values, v => v.Contains("March meeting", StringComparison.Ordinal)); // the reason stays in the history
        Assert.DoesNotContain(withdrawn.State.PendingSteps, s => s.Target == "audit");
        Assert.Contains(withdrawn.State.Timeline, t => t.Type == MeetingEvents.PaperWithdrawn && t.Detail == "audit: Moved to the March meeting");
        Assert.Equal(DecisionOutcome.Unchanged, withdrawn.State.WithdrawPaper("audit", "again", "board-manager", At("2026-01-12T10:01:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, withdrawn.State.ReceivePaper("audit", File1, "bob", At("2026-01-13T10:00:00Z")).Outcome);

        var (_, emails) = RunUntil(withdrawn.State, At("2026-02-06T09:00:00Z"));
        Assert.DoesNotContain(emails, e => e.To.Any(t => t.Email == "bob@police.example.org"));
        var pack = Assert.Single(emails, e => e.Template == MeetingTemplates.Pack);
        Assert.Equal("2", pack.Values["paperCount"]);
        Assert.Equal(["Performance report", "Health update"], [pack.Values["paper1Title"], pack.Values["paper2Title"]]);
    }

    [Fact]
    public void The_author_of_a_paper_already_received_is_told_it_was_withdrawn_too()
    {
        var received = Scheduled.ReceivePaper("audit", File1, "bob", At("2026-01-20T10:00:00Z")).Changed().State;
        var withdrawn = received.WithdrawPaper("audit", "Covered by the performance report", "board-manager", At("2026-01-21T10:00:00Z")).Changed();

        Assert.Equal("true", Assert.Single(withdrawn.Emails).Values["received"]);
    }

    [Fact]
    public void Withdrawing_the_last_awaited_paper_meets_the_paper_deadline()
    {
        var one = Schedule(SaturdayMeeting, Monday5January, [Staffordshire.ThreePapers[0]]).State;
        var withdrawn = one.WithdrawPaper("performance", "Not needed", "board-manager", At("2026-01-12T10:00:00Z")).Changed();
        Assert.Equal(DeadlineState.Met, withdrawn.State.Deadlines.Single(d => d.Name == MeetingDeadlines.PaperDeadline).State);
    }

    [Fact]
    public void Papers_cannot_be_added_or_withdrawn_once_attendance_is_recorded_or_the_meeting_is_cancelled()
    {
        var cancelled = Scheduled.Cancel("No business", "board-manager", At("2026-01-12T10:00:00Z")).State;
        Assert.Equal(DecisionOutcome.NotOpen, cancelled.AddPaper(Finance, "board-manager", At("2026-01-12T11:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.NotOpen, cancelled.WithdrawPaper("audit", "x", "board-manager", At("2026-01-12T11:00:00Z")).Outcome);
        Assert.Equal(DecisionOutcome.NotFound, Scheduled.WithdrawPaper("nope", "x", "board-manager", At("2026-01-12T11:00:00Z")).Outcome);
    }

    [Fact]
    public void The_pack_and_late_papers_go_to_the_business_manager_as_well_as_the_members_and_deputies()
    {
        var (circulated, emails) = RunUntil(Scheduled, At("2026-02-06T09:00:00Z"));
        var pack = Assert.Single(emails, e => e.Template == MeetingTemplates.Pack);
        Assert.Equal([.. Arrangements.MembersAndDeputies.Select(c => c.Email), "board-manager@staffordshire.example.org"], pack.To.Select(t => t.Email));

        var late = circulated.ReceivePaper("audit", File1, "bob", At("2026-02-09T11:30:00Z")).Changed();
        Assert.Contains(Assert.Single(late.Emails).To, t => t.Email == "board-manager@staffordshire.example.org");

        // Invitations stay with the members and deputies.
        Assert.DoesNotContain(Schedule(SaturdayMeeting, Monday5January).Emails.Single(e => e.Template == MeetingTemplates.Invitation).To,
            t => t.Email == "board-manager@staffordshire.example.org");
    }

    [Fact]
    public void A_business_manager_who_is_also_on_the_circulation_list_gets_the_pack_once()
    {
        var member = Arrangements.MembersAndDeputies[0];
        var meeting = Scheduled with { BusinessManager = new EmailRecipient(member.Name, member.Email.ToUpperInvariant()) };
        var (_, emails) = RunUntil(meeting, At("2026-02-06T09:00:00Z"));
        Assert.Equal(8, emails.Single(e => e.Template == MeetingTemplates.Pack).To.Count);
    }
}
