using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Domain.Reviews;
using static Safeguarding.Workflows.Domain.Tests.RapidReviews.RapidReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>
/// Whether the child died or was seriously harmed (WT23 ch.5, Children Act 2004 s16C): the Secretary of State and
/// Ofsted only for a looked-after child's death, the notification-only case, and the outcome recorded afterwards on a
/// review saved before the referral asked for it.
/// </summary>
public sealed class IncidentOutcomeTests
{
    private static readonly DateTimeOffset Noon9th = At("2026-01-09", 12);

    [Theory]
    // Aware Monday 5 January 2026: 5 working days is Monday 12 January.
    [InlineData(true, IncidentOutcome.Died, new[] { "panel-notification", "partners-informed", "secretary-of-state-notification", "agency-summaries", "rapid-review" })]
    [InlineData(true, IncidentOutcome.SeriouslyHarmed, new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    [InlineData(false, IncidentOutcome.Died, new[] { "panel-notification", "partners-informed", "agency-summaries", "rapid-review" })]
    public void A_review_opens_with_the_secretary_of_state_deadline_only_when_a_looked_after_child_died(bool lookedAfter, IncidentOutcome outcome, string[] names)
    {
        var review = Unwrap(RapidReview.Open(Key, Case(lookedAfter, outcome: outcome), Context(), OpenedAt));

        Assert.Equal(names, review.Deadlines.Select(d => d.Name));
        Assert.All(review.Deadlines.Where(d => d.Name != "agency-summaries" && d.Name != "rapid-review"), d => Assert.Equal(Date("2026-01-12"), d.DueOn));
        Assert.Equal(outcome, review.Case.Outcome);
    }

    [Theory]
    [InlineData(true, IncidentOutcome.SeriouslyHarmed)]
    [InlineData(false, IncidentOutcome.Died)]
    public void Recording_the_secretary_of_state_notification_on_any_other_review_is_refused_naming_type(bool lookedAfter, IncidentOutcome outcome)
    {
        var review = Unwrap(RapidReview.Open(Key, Case(lookedAfter, outcome: outcome), Context(), OpenedAt));

        var result = review.Record(new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-08")), Context(), "tester", Noon9th);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal("type", result.Field);
    }

    [Fact]
    public void A_notification_only_case_has_only_its_one_clock_and_is_complete_once_the_notification_is_recorded()
    {
        var opened = Unwrap(RapidReview.Open(Key, NotificationOnlyCase(), Context(), OpenedAt)).Wake(OpenedAt);
        var review = opened.State;

        var deadline = Assert.Single(review.Deadlines);
        Assert.Equal("secretary-of-state-notification", deadline.Name);
        Assert.Equal(Date("2026-01-12"), deadline.DueOn);
        Assert.Empty(review.Agencies);
        Assert.Empty(opened.Emails);
        Assert.False(review.RapidReviewDeadlineProvisional);
        Assert.Equal(At("2026-01-08", 9), review.NextWakeAt); // the business manager's warning, 2 working days before

        foreach (var type in new[] { RapidReviewEventType.PanelNotified, RapidReviewEventType.PartnersInformed, RapidReviewEventType.ReviewMeetingHeld })
        {
            var refused = review.Record(new RapidReviewEvent(type, Date("2026-01-07")), Context(), "tester", Noon9th);
            Assert.Equal(DecisionOutcome.Invalid, refused.Outcome);
            Assert.Equal("type", refused.Field);
        }

        var submitted = review.Record(new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-07"), Decision: RapidReviewDecision.NoFurtherReview), Context(), "tester", Noon9th);
        Assert.Equal("type", submitted.Field);

        var notified = Record(review, new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-07")), Noon9th);
        Assert.Equal(DeadlineState.Met, Deadline(notified, "secretary-of-state-notification").State);
        Assert.Equal(ProcessStatus.Completed, notified.Status);
        Assert.Null(notified.NextWakeAt);
    }

    [Fact]
    public void A_notification_only_case_that_misses_its_clock_tells_the_partners_and_completes_once_the_delay_is_explained()
    {
        var review = Unwrap(RapidReview.Open(Key, NotificationOnlyCase(), Context(), OpenedAt)).Wake(OpenedAt).State;

        var (late, emails) = WakeThrough(review, At("2026-01-13", 10));
        Assert.Equal(DeadlineState.Missed, Deadline(late, "secretary-of-state-notification").State);
        Assert.Equal(["rapid-reviews/deadline-at-risk", "rapid-reviews/deadline-missed"], emails.Select(e => e.Template));
        Assert.All(emails, e => Assert.DoesNotContain(e.Values, v => v.Value.Contains("died", StringComparison.OrdinalIgnoreCase)));

        var notified = Record(late, new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-13")), At("2026-01-13", 10));
        Assert.Equal(ProcessStatus.Open, notified.Status);
        Assert.Equal(["secretary-of-state-notification"], notified.DelayReasonsNeeded);

        var explained = Record(notified, new RapidReviewEvent(RapidReviewEventType.DelayReason, Date("2026-01-13"), Reason: "The notification form was returned for correction."), At("2026-01-13", 11));
        Assert.Equal(ProcessStatus.Completed, explained.Status);
    }

    [Theory]
    [InlineData(false, IncidentOutcome.Died, false, "abuseOrNeglectKnownOrSuspected")]            // not looked after
    [InlineData(true, IncidentOutcome.SeriouslyHarmed, false, "abuseOrNeglectKnownOrSuspected")]  // not a death
    [InlineData(true, null, true, "outcome")]
    public void A_case_that_cannot_be_opened_is_refused_naming_the_field(bool lookedAfter, IncidentOutcome? outcome, bool abuseOrNeglect, string field)
    {
        var request = new RapidReviewCase("RR-2026-001", Date("2026-01-05"), lookedAfter, [], outcome, abuseOrNeglect);

        var result = RapidReview.Open(Key, request, Context(), OpenedAt);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal(field, result.Field);
    }

    [Fact]
    public void A_notification_only_case_asks_no_agency()
    {
        var request = NotificationOnlyCase() with { Agencies = Case().Agencies };

        var result = RapidReview.Open(Key, request, Context(), OpenedAt);

        Assert.Equal(DecisionOutcome.Invalid, result.Outcome);
        Assert.Equal("agencies", result.Field);
    }

    [Fact]
    public void A_review_saved_without_an_outcome_keeps_its_deadlines_until_the_outcome_is_recorded()
    {
        // As saved before the referral asked: looked after, no outcome, so opened with the Secretary of State's deadline.
        var saved = Unwrap(RapidReview.Open(Key, Case(lookedAfter: true), Context(), OpenedAt)) with { Case = Case(lookedAfter: true, outcome: null) };
        Assert.Contains(saved.Deadlines, d => d.Name == "secretary-of-state-notification");
        Assert.True(saved.Case.NotifiesSecretaryOfState);

        var missing = saved.Record(new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-08")), Context(), "tester", Noon9th);
        Assert.Equal("outcome", missing.Field);

        var harmed = Record(saved, new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-08"), Outcome: IncidentOutcome.SeriouslyHarmed), Noon9th);
        Assert.Equal(IncidentOutcome.SeriouslyHarmed, harmed.Case.Outcome);
        Assert.Equal(DeadlineState.Waived, Deadline(harmed, "secretary-of-state-notification").State);
        Assert.Equal(DeadlineState.Pending, Deadline(harmed, "panel-notification").State);
        Assert.Contains(harmed.Timeline, t => t.Type == "outcome-recorded" && t.Detail == "seriously-harmed, on 2026-01-08");
        Assert.DoesNotContain(harmed.Steps, s => s.Target == "secretary-of-state-notification" && !s.IsDone);

        Assert.Equal(DecisionOutcome.Unchanged, harmed.Record(new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-08"), Outcome: IncidentOutcome.SeriouslyHarmed), Context(), "tester", Noon9th).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, harmed.Record(new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-08"), Outcome: IncidentOutcome.Died), Context(), "tester", Noon9th).Outcome);
        Assert.Equal("type", harmed.Record(new RapidReviewEvent(RapidReviewEventType.SecretaryOfStateNotified, Date("2026-01-08")), Context(), "tester", Noon9th).Field);

        var died = Record(saved, new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-08"), Outcome: IncidentOutcome.Died), Noon9th);
        Assert.Equal(DeadlineState.Pending, Deadline(died, "secretary-of-state-notification").State);
    }

    [Fact]
    public void An_overdue_secretary_of_state_notification_is_waived_without_a_delay_reason_when_the_child_was_seriously_harmed()
    {
        var saved = Unwrap(RapidReview.Open(Key, Case(lookedAfter: true), Context(), OpenedAt)) with { Case = Case(lookedAfter: true, outcome: null) };
        var (late, _) = WakeThrough(saved, At("2026-01-13", 10));
        Assert.True(Deadline(late, "secretary-of-state-notification").IsOverdue);

        var harmed = Record(late, new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-13"), Outcome: IncidentOutcome.SeriouslyHarmed), At("2026-01-13", 10));

        Assert.Equal(DeadlineState.Waived, Deadline(harmed, "secretary-of-state-notification").State);
        Assert.DoesNotContain("secretary-of-state-notification", harmed.DelayReasonsNeeded);
        Assert.Contains("panel-notification", harmed.DelayReasonsNeeded);
    }

    [Fact]
    public void The_outcome_can_be_recorded_on_a_completed_review()
    {
        var saved = Unwrap(RapidReview.Open(Key, Case(), Context(), OpenedAt)) with { Case = Case(outcome: null) };
        var completed = Record(saved, new RapidReviewEvent(RapidReviewEventType.ReviewSubmitted, Date("2026-01-09"), Decision: RapidReviewDecision.NoFurtherReview), Noon9th);
        Assert.Equal(ProcessStatus.Completed, completed.Status);

        var recorded = Record(completed, new RapidReviewEvent(RapidReviewEventType.OutcomeRecorded, Date("2026-01-09"), Outcome: IncidentOutcome.Died), Noon9th.AddHours(1));

        Assert.Equal(IncidentOutcome.Died, recorded.Case.Outcome);
        Assert.Equal(ProcessStatus.Completed, recorded.Status);
        Assert.Equal(completed.Deadlines, recorded.Deadlines);
    }

    [Fact]
    public void A_repeat_with_another_outcome_or_another_answer_about_abuse_or_neglect_is_a_different_request()
    {
        Assert.True(Case(outcome: IncidentOutcome.Died).SameAs(Case(outcome: IncidentOutcome.Died)));
        Assert.False(Case(outcome: IncidentOutcome.Died).SameAs(Case(outcome: IncidentOutcome.SeriouslyHarmed)));
        Assert.False(NotificationOnlyCase().SameAs(NotificationOnlyCase() with { AbuseOrNeglectKnownOrSuspected = true }));
        Assert.Equal(ImmutableList<AgencyContact>.Empty, NotificationOnlyCase().Agencies);
    }
}
