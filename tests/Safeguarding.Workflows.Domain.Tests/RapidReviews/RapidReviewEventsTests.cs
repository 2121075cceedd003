using System.Text.Json;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
using static Safeguarding.Workflows.Domain.Tests.RapidReviews.RapidReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>Events recorded on a rapid review: repeats, contradictions, dates, decisions, delay reasons, completion and cancellation.</summary>
public sealed class RapidReviewEventsTests
{
    private static readonly DateTimeOffset Noon9th = At("2026-01-09", 12);

    [Theory]
    [InlineData(RapidReviewEventType.PanelNotified, "panel-notification")]
    [InlineData(RapidReviewEventType.PartnersInformed, "partners-informed")]
    public void An_event_meets_its_deadline_and_the_same_event_again_changes_nothing(RapidReviewEventType type, string deadline)
    {
        var review = Record(Opened().State, new RapidReviewEvent(type, Date("2026-01-08")), Noon9th);
        Assert.Equal(DeadlineState.Met, Deadline(review, deadline).State);
        Assert.Equal(LondonTimeEndOf("2026-01-08"), Deadline(review, deadline).MetAt);

        var again = review.Record(new RapidReviewEvent(type, Date("2026-01-08")), Context(), "tester", Noon9th.AddHours(1));
        Assert.Equal(DecisionOutcome.Unchanged, again.Outcome);

        var different = review.Record(new RapidReviewEvent(type, Date("2026-01-07")), Context(), "tester", Noon9th.AddHours(1));
        Assert.Equal(DecisionOutcome.Conflict, different.Outcome);
    }

    [Fact]
    public void An_event_after_the_deadline_is_recorded_as_missed_and_done_late()
    {
        var review = Record(WakeThrough(Opened().State, At("2026-01-14", 9)).State, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-13")), At("2026-01-14", 9));

        var deadline = Deadline(review, "panel-notification");
        Assert.Equal(DeadlineState.Missed, deadline.State);
        Assert.Equal(LondonTimeEndOf("2026-01-13"), deadline.MetAt);
        Assert.Contains("panel-notification", review.DelayReasonsNeeded);
    }

    [Theory]
    [InlineData("2026-01-10", "on")]  // after "today" (9 January)
    [InlineData("2026-01-04", "on")]  // before awareness
    public void A_date_in_the_future_or_before_awareness_is_refused_naming_on(string on, string field)
    {
        var result = Opened().State.Record(new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date(on)), Context(), "tester", Noon9th);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal(field, result.Field);
    }

    [Fact]
    public void A_summary_from_an_agency_not_asked_is_refused_naming_agency()
    {
        var result = Opened().State.Record(new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-08"), Agency: "Fire and Rescue"), Context(), "tester", Noon9th);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal("agency", result.Field);
    }

    [Fact]
    public void The_agency_summaries_deadline_is_met_when_the_last_summary_arrives()
    {
        var review = Record(Opened().State, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-08"), Agency: "Staffordshire Police"), Noon9th);
        Assert.Equal(DeadlineState.Pending, Deadline(review, "agency-summaries").State);

        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-09"), Agency: "university hospitals of north midlands"), Noon9th);

        Assert.Equal(DeadlineState.Met, Deadline(review, "agency-summaries").State);
        Assert.Equal(LondonTimeEndOf("2026-01-09") < Noon9th ? LondonTimeEndOf("2026-01-09") : Noon9th, Deadline(review, "agency-summaries").MetAt);
        Assert.All(review.Agencies, a => Assert.NotNull(a.ReceivedOn));
    }

    [Fact]
    public void The_secretary_of_state_notification_is_refused_when_the_child_was_not_looked_after()
    {
        var result = Opened(lookedAfter: false).State.Record(new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-08")), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal("type", result.Field);

        var lookedAfter = Record(Opened(lookedAfter: true).State, new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-08")), Noon9th);
        Assert.Equal(DeadlineState.Met, Deadline(lookedAfter, "secretary-of-state-notification").State);
    }

    [Fact]
    public void Submitting_records_the_decision_waives_what_is_pending_and_completes_the_review()
    {
        var review = Record(Opened().State, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-06")), Noon9th);
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-09"), Decision: RapidReviewDecision.NoFurtherReview), Noon9th);

        Assert.Equal(ProcessStatus.Completed, review.Status);
        Assert.Equal(RapidReviewDecision.NoFurtherReview, review.Decision);
        Assert.Equal(DeadlineState.Met, Deadline(review, "rapid-review").State);
        Assert.Equal(DeadlineState.Waived, Deadline(review, "agency-summaries").State);
        Assert.Null(review.NextWakeAt);
        Assert.False(review.NeedsPracticeReview);

        // The same submission again is fine; anything else on a completed review is refused.
        var again = review.Record(new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-09"), Decision: RapidReviewDecision.NoFurtherReview), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.Unchanged, again.Outcome);
        var otherDecision = review.Record(new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-09"), Decision: RapidReviewDecision.Lcspr), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.Conflict, otherDecision.Outcome);
        var meeting = review.Record(new RapidReviewEvent(RapidReviewEventType.ReviewMeetingHeld, Date("2026-01-09")), Context(), "tester", Noon9th);
        Assert.Equal(DecisionOutcome.NotOpen, meeting.Outcome);
    }

    [Fact]
    public void A_review_with_a_missed_deadline_stays_open_after_submission_until_a_delay_reason_is_recorded()
    {
        var (late, _) = WakeThrough(Opened().State, At("2026-01-20", 10));
        var review = Record(late, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-07")), At("2026-01-20", 10));
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.PartnersInformed, Date("2026-01-07")), At("2026-01-20", 10));
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-16"), Agency: "staffordshire-police"), At("2026-01-20", 10));
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-20"), Agency: "university-hospitals-of-north-midlands"), At("2026-01-20", 10));
        review = Record(review, new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-23"), Decision: RapidReviewDecision.Lcspr), At("2026-01-23", 16));

        Assert.Equal(ProcessStatus.Open, review.Status);
        Assert.Equal(["agency-summaries"], review.DelayReasonsNeeded);
        Assert.True(review.NeedsPracticeReview);
        Assert.Null(review.NextWakeAt);

        var explained = Record(review, new RapidReviewEvent(RapidReviewEventType.DelayReason, Date("2026-01-23"), Reason: "The hospital's summary needed sign-off by its medical director."), At("2026-01-23", 17));
        Assert.Equal(ProcessStatus.Completed, explained.Status);
        Assert.Equal("agency-summaries", Assert.Single(explained.DelayReasons).Deadline);

        var linked = explained.PracticeReviewOpened("rr-2026-001-lcspr", At("2026-01-23", 17), "rr-2026-001-lcspr");
        Assert.False(linked.NeedsPracticeReview);
        Assert.Same(linked, linked.PracticeReviewOpened("rr-2026-001-lcspr", At("2026-01-23", 18), "again"));
    }

    [Fact]
    public void Delay_reasons_repeat_harmlessly_conflict_when_different_and_need_a_missed_deadline()
    {
        var (late, _) = WakeThrough(Opened().State, At("2026-01-13", 10));
        var reason = new RapidReviewEvent(RapidReviewEventType.DelayReason, Date("2026-01-13"), Reason: "Notification delayed by a records system outage.", Deadline: "panel-notification");

        var review = Record(late, reason, At("2026-01-13", 10));
        Assert.Equal(["partners-informed"], review.DelayReasonsNeeded);
        Assert.Equal(DecisionOutcome.Unchanged, review.Record(reason, Context(), "tester", At("2026-01-13", 11)).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, review.Record(reason with { Reason = "Another reason." }, Context(), "tester", At("2026-01-13", 11)).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, review.Record(reason with { Deadline = "rapid-review" }, Context(), "tester", At("2026-01-13", 11)).Outcome);
        var unknown = review.Record(reason with { Deadline = "nonsense" }, Context(), "tester", At("2026-01-13", 11));
        Assert.Equal(DecisionOutcome.Invalid, unknown.Outcome);
        Assert.Equal("deadline", unknown.Field);
    }

    [Fact]
    public void Cancelling_stops_everything_and_tells_the_agencies_still_asked()
    {
        var cancelled = Opened().State.Cancel("Opened in error.", "tester", Noon9th);

        Assert.Equal(ProcessStatus.Cancelled, cancelled.State.Status);
        Assert.Null(cancelled.State.NextWakeAt);
        Assert.All(cancelled.State.Deadlines, d => Assert.Equal(DeadlineState.Waived, d.State));
        Assert.Equal(3, cancelled.Emails.Count); // two agencies and the business manager
        Assert.All(cancelled.Emails, e => Assert.Equal("rapid-reviews/cancelled", e.Template));
        Assert.Same(cancelled.State, cancelled.State.Wake(At("2026-03-01", 9)).State);
        Assert.Equal(DecisionOutcome.NotOpen, cancelled.State.Record(new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-08")), Context(), "tester", Noon9th).Outcome);
    }

    [Fact]
    public void The_state_round_trips_through_the_grain_state_json()
    {
        var (review, _) = WakeThrough(Record(Opened(lookedAfter: true).State, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-07")), Noon9th), At("2026-01-21", 9));

        var json = JsonSerializer.Serialize(review, StateJson);
        var back = JsonSerializer.Deserialize<RapidReview>(json, StateJson)!;

        Assert.Equal(JsonSerializer.Serialize(back, StateJson), json);
        Assert.Equal(review.NextWakeAt, back.NextWakeAt);
        Assert.Equal(review.Steps.Count, back.Steps.Count);
        Assert.Same(back, back.Wake(At("2026-01-21", 9)).State);
        Assert.Contains("\"clockStart\":\"notification\"", json);
    }

    private static DateTimeOffset LondonTimeEndOf(string date) => Safeguarding.Workflows.Domain.Calendar.LondonTime.EndOfDay(Date(date));
}
