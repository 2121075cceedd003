using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using static Safeguarding.Workflows.Domain.Tests.RapidReviews.RapidReviewExamples;
using static Safeguarding.Workflows.Domain.Tests.Reviews.ReviewFixtures;

namespace Safeguarding.Workflows.Domain.Tests.RapidReviews;

/// <summary>What a rapid review does on its own: summary requests, reminders, chases, warnings and escalations, each once.</summary>
public sealed class RapidReviewScheduleTests
{
    [Fact]
    public void Opening_asks_every_agency_for_its_summary_at_once_with_a_submission_link()
    {
        var opened = Opened();

        Assert.Equal(2, opened.Emails.Count);
        Assert.All(opened.Emails, e =>
        {
            Assert.Equal("rapid-reviews/summary-request", e.Template);
            Assert.Equal(OpenedAt, e.CreatedAt);
            Assert.Equal("2026-01-19", e.Values["dueOn"]);
            Assert.Equal("RR-2026-001", e.Values["reference"]);
            Assert.Equal("Staffordshire Safeguarding Children Partnership", e.Values["partnershipName"]);
        });
        var police = opened.Emails.Single(e => e.To.Single().Email == "police.reviews@staffordshire.example.org");
        Assert.Equal("/forms/rapid-reviews/staffordshire/rr-2026-001/agency-summary/staffordshire-police", police.Values["link"]);
        Assert.Equal("staffordshire/rapid-review/rr-2026-001/summary-requested/staffordshire-police/2026-01-05", police.Id);
    }

    [Fact]
    public void Waking_again_at_the_same_instant_or_earlier_does_nothing()
    {
        var opened = Opened().State;

        Assert.Same(opened, opened.Wake(OpenedAt).State);
        Assert.Same(opened, opened.Wake(OpenedAt.AddMinutes(-5)).State);
        Assert.Empty(opened.Wake(OpenedAt).Emails);
    }

    [Fact]
    public void The_next_wake_is_the_earliest_warning_then_each_reminder_in_turn()
    {
        var opened = Opened().State;

        // Panel notification and telling the partners are due Mon 12 Jan: the business manager hears on Thu 8 Jan at 09:00.
        Assert.Equal(At("2026-01-08", 9), opened.NextWakeAt);
        Assert.Same(opened, opened.Wake(At("2026-01-08", 8, 59)).State);
    }

    [Fact]
    public void Agencies_are_reminded_two_working_days_before_and_chased_each_working_day_after_until_received()
    {
        var review = Opened().State;
        var (afterReminder, reminderEmails) = WakeThrough(review, At("2026-01-15", 9));
        var reminders = reminderEmails.Where(e => e.Template == "rapid-reviews/summary-reminder").ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, e => Assert.Equal(At("2026-01-15", 9), e.CreatedAt));

        // The hospital sends its summary on Friday 16th; the police do not, and are chased from Tuesday 20th.
        review = Record(afterReminder, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-16"), Agency: "University Hospitals of North Midlands"), At("2026-01-16", 11));
        var (chased, emails) = WakeThrough(review, At("2026-01-23", 17));
        var chases = emails.Where(e => e.Template == "rapid-reviews/summary-chase").ToList();
        Assert.Equal([At("2026-01-20", 9), At("2026-01-21", 9), At("2026-01-22", 9), At("2026-01-23", 9)], chases.Select(e => e.CreatedAt));
        Assert.All(chases, e => Assert.Equal("police.reviews@staffordshire.example.org", e.To.Single().Email));

        // Received on Monday 26th: no chase that day or after.
        var received = Record(chased, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-26"), Agency: "staffordshire-police"), At("2026-01-26", 8));
        var (_, later) = WakeThrough(received, At("2026-02-27", 17));
        Assert.DoesNotContain(later, e => e.Template == "rapid-reviews/summary-chase");
    }

    [Fact]
    public void A_late_summary_is_chased_every_working_day_for_as_long_as_it_is_late()
    {
        // The hospital sends its summary; the police never do. Due Mon 19 Jan; woken through to Tue 31 March.
        var review = Record(Opened().State, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-01-16"), Agency: "University Hospitals of North Midlands"), At("2026-01-16", 11));
        var end = At("2026-03-31", 17);
        var (stillLate, emails) = WakeThrough(review, end, (r, now) => r.PlannedAhead(Context(), now));

        var chasedOn = emails.Where(e => e.Template == "rapid-reviews/summary-chase").Select(e => LondonTime.LocalDate(e.CreatedAt)).ToList();
        var workingDaysLate = Enumerable.Range(1, 71).Select(n => Date("2026-01-19").AddDays(n)).Where(EnglandAndWales.IsWorkingDay).ToList();
        Assert.Equal(workingDaysLate, chasedOn);
        Assert.True(chasedOn.Count > RapidReviewDates.SummaryChasesPlannedAhead);

        // The plan always holds the next chase, so the engine wakes for it; once the summary arrives, chasing stops.
        Assert.Equal(At("2026-04-01", 9), stillLate.NextWakeAt);
        Assert.Contains(stillLate.Steps, s => s.Action == RapidReviewAction.ChaseSummary && !s.IsDone && s.On == Date("2026-04-01"));
        var received = Record(stillLate, new RapidReviewEvent(RapidReviewEventType.AgencySummaryReceived, Date("2026-03-31"), Agency: "staffordshire-police"), end);
        var (_, later) = WakeThrough(received, At("2026-06-30", 17), (r, now) => r.PlannedAhead(Context(), now));
        Assert.DoesNotContain(later, e => e.Template == "rapid-reviews/summary-chase");
    }

    [Fact]
    public void Planning_ahead_changes_nothing_while_the_plan_already_reaches_past_today()
    {
        var opened = Opened().State;

        Assert.Same(opened, opened.PlannedAhead(Context(), OpenedAt));
        Assert.Same(opened, opened.PlannedAhead(Context(), At("2026-02-05", 12)));
        var cancelled = opened.Cancel("Opened in error", "tester", At("2026-01-06", 9)).State;
        Assert.Same(cancelled, cancelled.PlannedAhead(Context(), At("2026-06-30", 12)));

        // Without it, the first plan is all there is: twenty chases for each late agency.
        var (_, emails) = WakeThrough(opened, At("2026-06-30", 17));
        Assert.Equal(2 * RapidReviewDates.SummaryChasesPlannedAhead, emails.Count(e => e.Template == "rapid-reviews/summary-chase"));
    }

    [Fact]
    public void A_deadline_at_risk_warns_the_business_manager_two_working_days_before()
    {
        var (_, emails) = WakeThrough(Opened().State, At("2026-01-08", 9));

        var warnings = emails.Where(e => e.Template == "rapid-reviews/deadline-at-risk").ToList();
        Assert.Equal(["panel-notification", "partners-informed"], warnings.Select(e => e.Values["deadline"]).Order());
        Assert.All(warnings, e =>
        {
            Assert.Equal("board-manager@staffordshire.example.org", e.To.Single().Email);
            Assert.Equal("2026-01-12", e.Values["dueOn"]);
            Assert.Equal(At("2026-01-08", 9), e.CreatedAt);
        });
    }

    [Fact]
    public void A_deadline_met_in_time_is_not_warned_about()
    {
        var review = Record(Opened().State, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-06")), At("2026-01-06", 12));
        var (_, emails) = WakeThrough(review, At("2026-01-08", 9));

        Assert.Equal(["partners-informed"], emails.Where(e => e.Template == "rapid-reviews/deadline-at-risk").Select(e => e.Values["deadline"]));
    }

    [Fact]
    public void A_missed_deadline_goes_to_the_delegated_safeguarding_partners_on_the_day_and_asks_for_a_delay_reason()
    {
        var (review, emails) = WakeThrough(Opened().State, At("2026-01-13", 8));

        var missed = emails.Where(e => e.Template == "rapid-reviews/deadline-missed").ToList();
        Assert.Equal(["panel-notification", "partners-informed"], missed.Select(e => e.Values["deadline"]).Order());
        var email = missed[0];
        Assert.Equal(MissedAt("2026-01-12"), email.CreatedAt);
        Assert.Equal(
            ["board-manager@staffordshire.example.org", "council.dcs@staffordshire.example.org", "icb.cnto@staffordshire.example.org", "police.acc@staffordshire.example.org"],
            email.To.Select(t => t.Email).Order());
        Assert.Equal(DeadlineState.Missed, Deadline(review, "panel-notification").State);
        Assert.Equal(["panel-notification", "partners-informed"], review.DelayReasonsNeeded.Order());
        Assert.Contains(review.Timeline, t => t.Type == "deadline-missed" && t.At == MissedAt("2026-01-12") && t.Detail == "panel-notification");
        Assert.Contains(review.Timeline, t => t.Type == "delay-reason-requested" && t.Detail == "panel-notification");
    }

    [Fact]
    public void Catching_up_after_downtime_does_everything_in_due_order_exactly_once()
    {
        var opened = Opened().State;
        var stepByStep = WakeThrough(opened, At("2026-02-20", 12)).Emails;

        // One late wake instead of many: the same emails, in the same order.
        var caughtUp = opened.Wake(At("2026-02-20", 12));
        Assert.Equal(stepByStep.Select(e => e.Id), caughtUp.Emails.Select(e => e.Id));
        Assert.Equal(caughtUp.Emails.Count, caughtUp.Emails.Select(e => e.Id).Distinct().Count());
        Assert.Same(caughtUp.State, caughtUp.State.Wake(At("2026-02-20", 12)).State);

        // 2 reminders, 20 chases for each of 2 agencies; 4 warnings (the agency summaries' among them); 4 misses.
        Assert.Equal(2, caughtUp.Emails.Count(e => e.Template == "rapid-reviews/summary-reminder"));
        Assert.Equal(2 * RapidReviewDates.SummaryChasesPlannedAhead, caughtUp.Emails.Count(e => e.Template == "rapid-reviews/summary-chase"));
        Assert.Equal(4, caughtUp.Emails.Count(e => e.Template == "rapid-reviews/deadline-at-risk"));
        Assert.Equal(4, caughtUp.Emails.Count(e => e.Template == "rapid-reviews/deadline-missed"));
    }

    [Fact]
    public void A_looked_after_child_adds_the_secretary_of_state_deadline_with_its_warning_and_escalation()
    {
        var (review, emails) = WakeThrough(Opened(lookedAfter: true).State, At("2026-01-13", 8));

        Assert.Equal(Date("2026-01-12"), Deadline(review, "secretary-of-state-notification").DueOn);
        Assert.Contains(emails, e => e.Template == "rapid-reviews/deadline-at-risk" && e.Values["deadline"] == "secretary-of-state-notification");
        Assert.Contains(emails, e => e.Template == "rapid-reviews/deadline-missed" && e.Values["deadline"] == "secretary-of-state-notification");
    }

    [Fact]
    public void Recording_the_notification_makes_the_rapid_review_deadline_final_and_moves_its_warning()
    {
        var opened = Opened().State;
        Assert.True(opened.RapidReviewDeadlineProvisional);
        Assert.Equal(Date("2026-01-26"), Deadline(opened, "rapid-review").DueOn);

        var notified = Record(opened, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-07")), At("2026-01-07", 15));

        Assert.False(notified.RapidReviewDeadlineProvisional);
        Assert.Equal(Date("2026-01-28"), Deadline(notified, "rapid-review").DueOn);
        Assert.Equal(DeadlineState.Met, Deadline(notified, "panel-notification").State);
        var (_, emails) = WakeThrough(notified, At("2026-01-26", 9));
        var warning = Assert.Single(emails, e => e.Template == "rapid-reviews/deadline-at-risk" && e.Values["deadline"] == "rapid-review");
        Assert.Equal(At("2026-01-26", 9), warning.CreatedAt);
        Assert.Equal("2026-01-28", warning.Values["dueOn"]);
    }

    [Fact]
    public void Counted_from_awareness_the_notification_does_not_move_the_deadline()
    {
        var opened = Opened(clockStart: Safeguarding.Workflows.Domain.Partnerships.RapidReviewClockStart.Awareness).State;
        Assert.False(opened.RapidReviewDeadlineProvisional);

        var notified = Record(opened, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-07")), At("2026-01-07", 15), Safeguarding.Workflows.Domain.Partnerships.RapidReviewClockStart.Awareness);

        Assert.Equal(Date("2026-01-26"), Deadline(notified, "rapid-review").DueOn);
    }

    [Fact]
    public void A_provisional_deadline_missed_before_the_late_notification_is_pending_again_under_the_final_date()
    {
        // Nothing recorded until Tuesday 27th: the provisional deadline (Mon 26th) is missed...
        var (late, _) = WakeThrough(Opened().State, At("2026-01-27", 10));
        Assert.Equal(DeadlineState.Missed, Deadline(late, "rapid-review").State);

        // ...then the notification turns out to have been made on Fri 9th: 15 working days from it is Fri 30th.
        var notified = Record(late, new RapidReviewEvent(RapidReviewEventType.PanelNotified, Date("2026-01-09")), At("2026-01-27", 10));

        var deadline = Deadline(notified, "rapid-review");
        Assert.Equal(Date("2026-01-30"), deadline.DueOn);
        Assert.Equal(DeadlineState.Pending, deadline.State);
        Assert.Equal(DeadlineState.Met, Deadline(notified, "panel-notification").State);
    }
}
