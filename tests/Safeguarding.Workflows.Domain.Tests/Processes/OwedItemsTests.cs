using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Tests.AnnualReports;
using Safeguarding.Workflows.Domain.Tests.Escalations;
using Safeguarding.Workflows.Domain.Tests.Meetings;
using Safeguarding.Workflows.Domain.Tests.PracticeReviews;

namespace Safeguarding.Workflows.Domain.Tests.Processes;

/// <summary>What named people owe a process, for their own deadline calendars: listed while owed, gone once done or closed.</summary>
public sealed class OwedItemsTests
{
    [Fact]
    public void A_meeting_owes_each_awaited_paper_to_its_author_on_the_paper_deadline_until_it_is_in_or_withdrawn()
    {
        var meeting = Staffordshire.Schedule(Staffordshire.SaturdayMeeting, Staffordshire.At("2026-01-05T08:00:00Z")).State;

        var paperDeadline = Staffordshire.Day("2026-01-30");
        Assert.Equal(
            [
                ("ann@council.example.org", "paper:performance", "Paper “Performance report”", paperDeadline),
                ("bob@police.example.org", "paper:audit", "Paper “Multi-agency audit”", paperDeadline),
                ("cy@icb.example.org", "paper:health", "Paper “Health update”", paperDeadline),
            ],
            meeting.Owed.Select(o => (o.Email, o.Item, o.What, o.DueOn)));

        var received = meeting.ReceivePaper("audit", Staffordshire.File1, "bob", Staffordshire.At("2026-01-12T10:00:00Z")).Changed().State;
        var withdrawn = received.WithdrawPaper("health", "Moved to March", "board-manager", Staffordshire.At("2026-01-12T11:00:00Z")).Changed().State;
        Assert.Equal(["paper:performance"], withdrawn.Owed.Select(o => o.Item));
        Assert.True(withdrawn.Owed[0].IsOwedBy(" Ann@Council.example.org"));

        Assert.Empty(withdrawn.Cancel("No longer needed", "board-manager", Staffordshire.At("2026-01-13T10:00:00Z")).State.Owed);
    }

    [Fact]
    public void An_escalation_owes_a_stage_to_its_people_and_a_served_notice_to_the_organisation()
    {
        var raised = EscalationFixtures.Raise(EscalationFixtures.D("2026-01-05"));
        Assert.Equal(
            [("sam@council.example.org", "stage-1", EscalationFixtures.D("2026-01-12")), ("pat@police.example.org", "stage-1", EscalationFixtures.D("2026-01-12"))],
            raised.State.Owed.Select(o => (o.Email, o.Item, o.DueOn)));

        var run = new EscalationRun(raised).Until(EscalationFixtures.NineOn(EscalationFixtures.D("2026-02-16")));
        Assert.Equal(EscalationPhase.FormalNoticeDue, run.State.Phase);
        Assert.Empty(run.State.Owed);

        run.Do(e => e.ServeFormalNotice(
            EscalationFixtures.Notice(("r1", EscalationFixtures.D("2026-03-02")), ("r2", EscalationFixtures.D("2026-03-16"))),
            EscalationFixtures.Holidays, EscalationPolicy.Default, "bm", EscalationFixtures.NoonOn(EscalationFixtures.D("2026-02-16"))));
        Assert.Equal(
            [
                ("acc@police.example.org", "notice-response", "Response to the formal notice"),
                ("acc@police.example.org", "requirement:r1", "Required change r1"),
                ("acc@police.example.org", "requirement:r2", "Required change r2"),
            ],
            run.State.Owed.Select(o => (o.Email, o.Item, o.What)));

        run.Do(e => e.Handle(
            new EscalationEvent(EscalationEventTypes.RequirementMet, EscalationFixtures.D("2026-02-20"), RequirementId: "r1"),
            EscalationFixtures.Holidays, EscalationPolicy.Default, "bm", EscalationFixtures.NoonOn(EscalationFixtures.D("2026-02-20"))));
        Assert.Equal(["notice-response", "requirement:r2"], run.State.Owed.Select(o => o.Item));
    }

    [Fact]
    public void An_annual_report_owes_each_section_not_yet_received_to_each_of_its_owners()
    {
        var report = AnnualReportFixture.Open().State;
        var sectionOne = report.Section(1)!;

        Assert.Equal(
            sectionOne.Owners.Select(o => (o.Email, "section:1", "Section 1 (required)", sectionOne.DueOn)),
            report.Owed.Where(o => o.Item == "section:1").Select(o => (o.Email, o.Item, o.What, o.DueOn)));
        Assert.Equal(report.Sections.Count, report.Owed.Select(o => o.Item).Distinct().Count());

        var contributed = report.Contribute(1, AnnualReportFixture.At("2026-05-06"));
        Assert.DoesNotContain(contributed.Owed, o => o.Item == "section:1");
        Assert.Empty(contributed.ContributeAll(AnnualReportFixture.At("2026-05-07"), 1).Owed);
    }

    [Fact]
    public void A_practice_review_owes_each_action_to_its_owner_until_it_is_done()
    {
        var opened = PracticeReviewExamples.Opened().State;
        var now = PracticeReviewExamples.OpenedAt.AddDays(1);
        var added = PracticeReviewExamples.Record(opened, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, DateOnly.FromDateTime(now.Date), Recommendation: PracticeReviewExamples.Recommendation("r1", "2026-09-01")), now);

        var action = Assert.Single(added.Owed);
        Assert.Equal(("neglect.lead@staffordshire.example.org", "action:r1", "Action “Refresh the multi-agency neglect toolkit”", new DateOnly(2026, 9, 1)), (action.Email, action.Item, action.What, action.DueOn));

        var done = PracticeReviewExamples.Record(added, new PracticeReviewEvent(PracticeReviewEventType.ActionCompleted, DateOnly.FromDateTime(now.Date), ActionId: "r1"), now);
        Assert.Empty(done.Owed);
    }
    [Theory]
    [InlineData("rapid-review", "panel-notification", "Notifying the Child Safeguarding Practice Review Panel")]
    [InlineData("rapid-review", "agency-summaries", null)]
    [InlineData("meeting", "circulation", "Circulating the papers")]
    [InlineData("meeting", "paper-deadline", null)]
    [InlineData("meeting", "action:a1", null)]
    [InlineData("escalation", "formal-notice", "Serving the formal notice")]
    [InlineData("escalation", "stage-2", null)]
    [InlineData("escalation", "notice-response", null)]
    [InlineData("escalation", "requirement:r1", null)]
    [InlineData("annual-report", "draft", "Compiling the draft report")]
    [InlineData("annual-report", "contributions", null)]
    [InlineData("practice-review", "checkpoint:3", "Monitoring checkpoint 3")]
    [InlineData("practice-review", "publication-period", null)]
    [InlineData("practice-review", "action:r1", null)]
    [InlineData("drill", "panel-notification", null)]
    public void The_business_unit_owes_its_own_deadlines_and_never_what_a_contributor_owes(string kind, string deadline, string? duty) =>
        Assert.Equal(duty, BusinessUnitDuties.Of(kind, deadline));
}
