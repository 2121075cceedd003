using Safeguarding.Workflows.Domain.Calendar;
using System.Text.Json;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;
using static Safeguarding.Workflows.Domain.Tests.PracticeReviews.PracticeReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.PracticeReviews;

/// <summary>Events recorded on a practice review: recommendations as actions, withdrawal, repeats, contradictions, completion and cancellation.</summary>
public sealed class PracticeReviewEventsTests
{
    [Fact]
    public void A_recommendation_becomes_an_action_assigned_reminded_three_working_days_before_and_chased_when_overdue()
    {
        var published = PracticeReviewScheduleTests.Planned_sent_and_published();
        var added = Unwrap(published.Record(new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-12-14"), Recommendation: Recommendation("r1", "2027-01-05")), Context(7), "tester", At("2026-12-14", 12)));
        var woken = added.Wake(At("2026-12-14", 12));

        var assigned = Assert.Single(woken.Emails);
        Assert.Equal("practice-reviews/action-assigned", assigned.Template);
        Assert.Equal("neglect.lead@staffordshire.example.org", assigned.To.Single().Email);
        Assert.Equal("Refresh the multi-agency neglect toolkit", assigned.Values["actionTitle"]);
        Assert.Equal(Date("2027-01-05"), Deadline(woken.State, "action:r1").DueOn);

        var (overdue, emails) = WakeThrough(woken.State, At("2027-01-13", 12));
        Assert.Equal(
            [("practice-reviews/action-reminder", At("2026-12-30", 9)), ("practice-reviews/action-chase", At("2027-01-06", 9)), ("practice-reviews/action-chase", At("2027-01-13", 9))],
            emails.Select(e => (e.Template, e.CreatedAt)));
        Assert.Equal(DeadlineState.Missed, Deadline(overdue, "action:r1").State);
        Assert.Empty(overdue.DelayReasonsNeeded); // an overdue action is chased, not explained

        var done = Record(overdue, new PracticeReviewEvent(PracticeReviewEventType.ActionCompleted, Date("2027-01-14"), ActionId: "r1"), At("2027-01-14", 9));
        var (_, later) = WakeThrough(done, At("2027-03-01", 9));
        Assert.DoesNotContain(later, e => e.Template == "practice-reviews/action-chase");
    }

    [Fact]
    public void An_overdue_action_is_chased_every_five_working_days_for_as_long_as_it_is_overdue()
    {
        var published = PracticeReviewScheduleTests.Planned_sent_and_published();
        var added = Unwrap(published.Record(new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-12-14"), Recommendation: Recommendation("r1", "2027-01-05")), Context(7), "tester", At("2026-12-14", 12)));
        PracticeReview PlannedAhead(PracticeReview r, DateTimeOffset now) => r.PlannedAhead(Context(7), now);

        // Due Tue 5 Jan 2027, never done: a chase on the 1st working day after, then every 5th, well past the first six.
        var (overdue, emails) = WakeThrough(added.Wake(At("2026-12-14", 12)).State, At("2027-06-30", 17), PlannedAhead);
        var chasedOn = emails.Where(e => e.Template == "practice-reviews/action-chase").Select(e => LondonTime.LocalDate(e.CreatedAt)).ToList();
        var expected = new List<DateOnly> { EnglandAndWales.AddWorkingDays(Date("2027-01-05"), 1) };
        while (EnglandAndWales.AddWorkingDays(expected[^1], 5) <= Date("2027-06-30"))
        {
            expected.Add(EnglandAndWales.AddWorkingDays(expected[^1], 5));
        }

        Assert.Equal(expected, chasedOn);
        Assert.True(chasedOn.Count > PracticeReviewDates.ActionChasesPlannedAhead);

        var done = Record(overdue, new PracticeReviewEvent(PracticeReviewEventType.ActionCompleted, Date("2027-06-30"), ActionId: "r1"), At("2027-06-30", 17));
        var (_, later) = WakeThrough(done, At("2027-12-31", 9), PlannedAhead);
        Assert.DoesNotContain(later, e => e.Template == "practice-reviews/action-chase");
    }

    [Fact]
    public void The_review_completes_only_when_its_actions_are_done()
    {
        var published = PracticeReviewScheduleTests.Planned_sent_and_published();
        var review = Record(published, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-12-14"), Recommendation: Recommendation("r1", "2028-03-31")), At("2026-12-14", 12));

        var (yearOver, _) = WakeThrough(review, At("2027-12-15", 9));
        Assert.Equal(ProcessStatus.Open, yearOver.Status);

        var done = Record(yearOver, new PracticeReviewEvent(PracticeReviewEventType.ActionCompleted, Date("2027-12-15"), ActionId: "r1"), At("2027-12-15", 9));
        Assert.Equal(ProcessStatus.Completed, done.Status);
        Assert.Equal(DecisionOutcome.NotOpen, Try(done, Event(PracticeReviewEventType.ReviewerAppointed, "2027-12-15"), At("2027-12-15", 10)).Outcome);
        Assert.Equal(DecisionOutcome.Unchanged, Try(done, new PracticeReviewEvent(PracticeReviewEventType.ActionCompleted, Date("2027-12-15"), ActionId: "r1"), At("2027-12-15", 10)).Outcome);
    }

    [Fact]
    public void Taking_the_report_down_within_the_year_misses_the_publication_period_and_needs_a_reason()
    {
        var review = Record(PracticeReviewScheduleTests.Planned_sent_and_published(), Event(PracticeReviewEventType.Withdrawn, "2027-06-01"), At("2027-06-01", 10));

        Assert.Equal(DeadlineState.Missed, Deadline(review, "publication-period").State);
        Assert.Equal(["publication-period"], review.DelayReasonsNeeded);
        Assert.Equal(ProcessStatus.Open, review.Status);
        Assert.Null(review.NextWakeAt);

        var explained = Record(review, new PracticeReviewEvent(PracticeReviewEventType.DelayReason, Date("2027-06-01"), Reason: "Withdrawn on legal advice pending criminal proceedings."), At("2027-06-01", 11));
        Assert.Equal(ProcessStatus.Completed, explained.Status);
    }

    [Fact]
    public void Withdrawing_after_the_year_meets_the_publication_period()
    {
        var (yearOver, _) = WakeThrough(PracticeReviewScheduleTests.Planned_sent_and_published(), At("2027-12-13", 23));
        var review = Record(yearOver, Event(PracticeReviewEventType.Withdrawn, "2027-12-13"), At("2027-12-13", 23));

        Assert.Equal(DeadlineState.Missed, Deadline(review, "publication-period").State); // 13 December is a day early

        // From the 14th the year is over: the period is met, and with nothing else open the review is complete.
        var (complete, _) = WakeThrough(PracticeReviewScheduleTests.Planned_sent_and_published(), At("2027-12-14", 10));
        Assert.Equal(DeadlineState.Met, Deadline(complete, "publication-period").State);
        Assert.Equal(ProcessStatus.Completed, complete.Status);
        Assert.Equal(DecisionOutcome.NotOpen, Try(complete, Event(PracticeReviewEventType.Withdrawn, "2027-12-14"), At("2027-12-14", 10)).Outcome);
    }

    [Fact]
    public void Withdrawal_before_publication_is_a_conflict()
    {
        Assert.Equal(DecisionOutcome.Conflict, Try(Opened().State, Event(PracticeReviewEventType.Withdrawn, "2026-06-29"), OpenedAt).Outcome);
    }

    [Fact]
    public void Repeats_agree_and_contradictions_conflict()
    {
        var review = Record(Opened().State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-06-29"), PlannedOn: Date("2026-12-14")), OpenedAt);
        var now = OpenedAt.AddHours(1);

        Assert.Equal(DecisionOutcome.Unchanged, Try(review, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-06-29"), PlannedOn: Date("2026-12-14")), now).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, Try(review, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-06-29"), PlannedOn: Date("2026-12-15")), now).Outcome);

        review = Record(review, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-06-29"), Recommendation: Recommendation("r1", "2026-09-30")), now);
        Assert.Equal(DecisionOutcome.Unchanged, Try(review, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-06-29"), Recommendation: Recommendation("r1", "2026-09-30")), now).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, Try(review, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-06-29"), Recommendation: Recommendation("r1", "2026-10-30")), now).Outcome);

        review = Record(review, Event(PracticeReviewEventType.ReviewerAppointed, "2026-06-29"), now);
        Assert.Equal(DecisionOutcome.Unchanged, Try(review, Event(PracticeReviewEventType.ReviewerAppointed, "2026-06-29"), now).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, Try(review, Event(PracticeReviewEventType.ReviewerAppointed, "2026-06-27"), now).Outcome);

        var checkpoint = new PracticeReviewEvent(PracticeReviewEventType.CheckpointHeld, Date("2026-06-29"), Checkpoint: 1);
        review = Record(review, checkpoint, now);
        Assert.Equal(DecisionOutcome.Unchanged, Try(review, checkpoint, now).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, Try(review, checkpoint with { On = Date("2026-06-27") }, now).Outcome);
        Assert.Equal("checkpoint", Try(review, checkpoint with { Checkpoint = 9 }, now).Field);
    }

    [Theory]
    [InlineData("2026-06-30", "on")]  // tomorrow
    [InlineData("2026-06-25", "on")]  // before the decision
    public void Dates_in_the_future_or_before_the_decision_are_refused(string on, string field)
    {
        var result = Try(Opened().State, Event(PracticeReviewEventType.ReviewerAppointed, on), OpenedAt);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal(field, result.Field);
    }

    [Fact]
    public void A_plan_must_be_for_a_later_date_and_an_action_cannot_be_due_before_it_was_added()
    {
        Assert.Equal("plannedOn", Try(Opened().State, new PracticeReviewEvent(PracticeReviewEventType.PublicationPlanned, Date("2026-06-29"), PlannedOn: Date("2026-06-29")), OpenedAt).Field);
        Assert.Equal("dueOn", Try(Opened().State, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-06-29"), Recommendation: Recommendation("r1", "2026-06-28")), OpenedAt).Field);
    }

    [Fact]
    public void Cancelling_stops_everything_and_tells_the_business_manager_and_action_owners()
    {
        var review = Record(Opened().State, new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-06-29"), Recommendation: Recommendation("r1", "2026-09-30")), OpenedAt);
        var cancelled = review.Cancel("Merged into a thematic review.", "tester", OpenedAt.AddHours(2));

        Assert.Equal(ProcessStatus.Cancelled, cancelled.State.Status);
        Assert.Null(cancelled.State.NextWakeAt);
        var email = Assert.Single(cancelled.Emails);
        Assert.Equal(["board-manager@staffordshire.example.org", "neglect.lead@staffordshire.example.org"], email.To.Select(t => t.Email));
        Assert.Same(cancelled.State, cancelled.State.Wake(At("2027-01-01", 9)).State);
    }

    [Fact]
    public void The_state_round_trips_through_the_grain_state_json()
    {
        var review = Record(PracticeReviewScheduleTests.Planned_sent_and_published(), new PracticeReviewEvent(PracticeReviewEventType.RecommendationAdded, Date("2026-12-14"), Recommendation: Recommendation("r1", "2027-01-05")), At("2026-12-14", 12));

        var json = JsonSerializer.Serialize(review, StateJson);
        var back = JsonSerializer.Deserialize<PracticeReview>(json, StateJson)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, StateJson));
        Assert.Equal(review.NextWakeAt, back.NextWakeAt);
        Assert.Same(back, back.Wake(At("2026-12-14", 12)).State);
    }
}
