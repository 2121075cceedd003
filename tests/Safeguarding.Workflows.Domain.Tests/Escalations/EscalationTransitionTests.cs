using System.Text.Json;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using static Safeguarding.Workflows.Domain.Tests.Escalations.EscalationFixtures;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>Raising, waking and the events: who is told what, when, exactly once, and what stops it.</summary>
public sealed class EscalationTransitionTests
{
    private const string Practitioners = "sam@council.example.org pat@police.example.org";
    private const string Managers = "dcs.deputy@council.example.org acc@police.example.org";
    private const string Seniors = "dcs@council.example.org acc@police.example.org";
    private const string Partnership = "bm@partnership.example.org dcs@council.example.org acc@police.example.org nurse@icb.example.org scrutineer@partnership.example.org";
    private static readonly DateOnly Monday = D("2026-01-05");

    [Fact]
    public void Raising_tells_the_two_practitioners_and_starts_the_stage_1_clock()
    {
        var raised = Raise(Monday);

        var email = Assert.Single(raised.Emails);
        Assert.Equal(EscalationTemplates.Raised, email.Template);
        Assert.Equal(["sam@council.example.org", "pat@police.example.org"], email.To.Select(t => t.Email));
        Assert.Equal("testshire/escalation/esc-1/raised/stage-1/2026-01-05", email.Id);
        Assert.Equal("2026-01-12", email.Values["resolveBy"]);
        var deadline = Assert.Single(raised.State.Deadlines);
        Assert.Equal(("stage-1", D("2026-01-12"), DeadlineState.Pending), (deadline.Name, deadline.DueOn, deadline.State));
        Assert.Equal(LondonTime.EndOfDay(D("2026-01-12")), deadline.DueAt);
        Assert.Equal(NineOn(D("2026-01-09")), raised.State.NextWakeAt); // the reminder
        Assert.Equal(["raised"], raised.State.Timeline.Select(t => t.Type));
    }

    [Fact]
    public void An_immediate_risk_tells_every_level_at_once_and_the_stage_clocks_still_run()
    {
        var raised = Raise(Monday, immediateRisk: true);

        var email = Assert.Single(raised.Emails);
        Assert.Equal(EscalationTemplates.ImmediateRisk, email.Template);
        Assert.Equal(NoonOn(Monday), email.CreatedAt); // at once, not at the next send time
        Assert.Equal(
            ["sam@council.example.org", "pat@police.example.org", "dcs.deputy@council.example.org", "acc@police.example.org", "dcs@council.example.org",
             "bm@partnership.example.org", "nurse@icb.example.org", "scrutineer@partnership.example.org"],
            email.To.Select(t => t.Email));
        Assert.Equal(["raised", "immediate-risk-notified"], raised.State.Timeline.Select(t => t.Type));
        Assert.Equal(D("2026-01-12"), Assert.Single(raised.State.Deadlines).DueOn);

        var run = new EscalationRun(raised).Until(NineOn(D("2026-01-13")));
        Assert.Equal(2, run.State.CurrentStage); // unresolved, it still moves up on the usual date
    }

    [Fact]
    public void Unanswered_it_climbs_every_stage_on_its_working_day_and_ends_in_a_prompt_for_a_formal_notice()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-12-31")));

        Assert.Equal(
            [
                (EscalationTemplates.Raised, D("2026-01-05"), Practitioners),
                (EscalationTemplates.StageReminder, D("2026-01-09"), Practitioners),
                (EscalationTemplates.Escalated, D("2026-01-13"), $"{Practitioners} {Managers}"),
                (EscalationTemplates.StageReminder, D("2026-01-19"), Managers),
                (EscalationTemplates.Escalated, D("2026-01-21"), $"{Managers} dcs@council.example.org"),
                (EscalationTemplates.StageReminder, D("2026-01-27"), Seniors),
                (EscalationTemplates.Escalated, D("2026-01-29"), $"{Seniors} bm@partnership.example.org nurse@icb.example.org scrutineer@partnership.example.org"),
                (EscalationTemplates.StageReminder, D("2026-02-11"), Partnership),
                (EscalationTemplates.FormalNoticePrompt, D("2026-02-13"), "bm@partnership.example.org"),
                (EscalationTemplates.FormalNoticeReminder, D("2026-02-19"), "bm@partnership.example.org"),
            ],
            run.Sent());
        Assert.All(run.Emails.Skip(1), e => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.CreatedAt, LondonTime.Zone).DateTime)));
        Assert.Equal(
            [("stage-1", DeadlineState.Missed), ("stage-2", DeadlineState.Missed), ("stage-3", DeadlineState.Missed), ("stage-4", DeadlineState.Missed), ("formal-notice", DeadlineState.Missed)],
            run.State.Deadlines.Select(d => (d.Name, d.State)));
        Assert.Equal(EscalationPhase.FormalNoticeDue, run.State.Phase);
        Assert.Equal(ProcessStatus.Open, run.State.Status);
        Assert.Null(run.State.NextWakeAt); // nothing more is automatic: serving the notice is a person's act
        Assert.Equal(3, run.State.Timeline.Count(t => t.Type == "escalated"));
        Assert.Single(run.State.Timeline, t => t.Type == "formal-notice-prompted");
    }

    [Fact]
    public void One_late_wake_does_everything_in_order_exactly_as_step_by_step_waking()
    {
        var stepwise = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-03-31")));

        var once = Raise(Monday).State.Wake(NineOn(D("2026-03-31")));

        Assert.Equal(stepwise.Emails.Skip(1).Select(e => e.Id), once.Emails.Select(e => e.Id));
        Assert.Equal(stepwise.State.DoneSteps, once.State.DoneSteps);
        Assert.Equal(stepwise.State.Deadlines, once.State.Deadlines);
        // Missed deadlines are stamped when they were missed, before the escalation that followed.
        var types = once.State.Timeline.Select(t => t.Type).ToList();
        Assert.True(types.IndexOf("deadline-missed") < types.IndexOf("escalated"));
        Assert.Equal(types.Count, once.State.Timeline.OrderBy(t => t.At).Count());
    }

    [Fact]
    public void Waking_again_at_the_same_instant_or_before_anything_is_due_changes_nothing()
    {
        var raised = Raise(Monday).State;
        Assert.Same(raised, raised.Wake(NineOn(D("2026-01-08"))).State);

        var reminded = raised.Wake(NineOn(D("2026-01-09")));
        Assert.Single(reminded.Emails);
        var again = reminded.State.Wake(NineOn(D("2026-01-09")));
        Assert.Same(reminded.State, again.State);
        Assert.Empty(again.Emails);
    }

    [Fact]
    public void Resolved_at_stage_2_everything_pending_stops()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-01-14")));
        Assert.Equal(2, run.State.CurrentStage);

        run.Do(e => e.Handle(new EscalationEvent("resolved", D("2026-01-15"), Outcome: "Strategy discussion agreed"), Holidays, EscalationPolicy.Default, "manager", NoonOn(D("2026-01-15"))));

        Assert.Equal(ProcessStatus.Completed, run.State.Status);
        Assert.Null(run.State.NextWakeAt);
        Assert.Equal([("stage-1", DeadlineState.Missed), ("stage-2", DeadlineState.Met)], run.State.Deadlines.Select(d => (d.Name, d.State)));
        Assert.Equal(2, run.State.Resolution!.AtStage);
        var resolved = run.Emails[^1];
        Assert.Equal(EscalationTemplates.Resolved, resolved.Template);
        Assert.Equal($"{Practitioners} {Managers}", string.Join(" ", resolved.To.Select(t => t.Email)));
        Assert.DoesNotContain(resolved.Values.Values, v => v.Contains("Strategy", StringComparison.Ordinal)); // the outcome stays behind sign-in

        var later = run.State.Wake(NineOn(D("2026-12-31")));
        Assert.Same(run.State, later.State);
        Assert.Empty(later.Emails);
    }

    [Fact]
    public void Resolving_again_with_the_same_outcome_is_a_no_op_and_a_different_one_is_refused()
    {
        var resolved = Changed(Raise(Monday).State.Handle(Resolved("Agreed"), Holidays, EscalationPolicy.Default, "manager", NoonOn(D("2026-01-06")))).State;

        Assert.Equal(DecisionOutcome.Unchanged, resolved.Handle(Resolved("Agreed"), Holidays, EscalationPolicy.Default, "manager", NoonOn(D("2026-01-07"))).Outcome);
        var refused = resolved.Handle(Resolved("Something else"), Holidays, EscalationPolicy.Default, "manager", NoonOn(D("2026-01-07")));
        Assert.Equal(DecisionOutcome.Conflict, refused.Outcome);
        Assert.Equal("Escalation 'esc-1' was already resolved on 2026-01-06 with a different outcome.", refused.Message);
    }

    [Fact]
    public void A_resolution_recorded_after_the_deadline_but_dated_on_it_meets_the_stage_deadline()
    {
        var state = Raise(Monday).State.Wake(LondonTime.At(D("2026-01-13"), new TimeOnly(7, 0))).State; // stage 1 missed, not yet escalated
        Assert.Equal(DeadlineState.Missed, state.Deadlines[0].State);

        var resolved = Changed(state.Handle(new EscalationEvent("resolved", D("2026-01-12"), Outcome: "Agreed"), Holidays, EscalationPolicy.Default, "manager", LondonTime.At(D("2026-01-13"), new TimeOnly(8, 0)))).State;

        Assert.Equal(1, resolved.CurrentStage); // never escalated
        Assert.Equal(LondonTime.EndOfDay(D("2026-01-12")), resolved.Deadlines[0].MetAt);
    }

    [Fact]
    public void Escalating_by_hand_moves_to_the_next_stage_from_that_day_and_tells_both_levels()
    {
        var run = new EscalationRun(Raise(Monday));

        run.Do(e => e.Handle(new EscalationEvent("escalated", D("2026-01-07"), Stage: 2), Holidays, EscalationPolicy.Default, "practitioner", NoonOn(D("2026-01-07"))));

        Assert.Equal(2, run.State.CurrentStage);
        Assert.Equal([("stage-1", DeadlineState.Waived), ("stage-2", DeadlineState.Pending)], run.State.Deadlines.Select(d => (d.Name, d.State)));
        Assert.Equal(D("2026-01-14"), run.State.Deadlines[1].DueOn);
        var email = run.Emails[^1];
        Assert.Equal((EscalationTemplates.Escalated, "no"), (email.Template, email.Values["automatic"]));
        Assert.Equal($"{Practitioners} {Managers}", string.Join(" ", email.To.Select(t => t.Email)));
        Assert.Equal(NineOn(D("2026-01-13")), run.State.NextWakeAt); // the stage 2 reminder, the day before it is due

        // The same escalation posted again is recognised; a jump of two stages is not allowed.
        Assert.Equal(DecisionOutcome.Unchanged, run.State.Handle(new EscalationEvent("escalated", D("2026-01-07"), Stage: 2), Holidays, EscalationPolicy.Default, "practitioner", NoonOn(D("2026-01-08"))).Outcome);
        Assert.Equal(DecisionOutcome.Conflict, run.State.Handle(new EscalationEvent("escalated", D("2026-01-08"), Stage: 4), Holidays, EscalationPolicy.Default, "practitioner", NoonOn(D("2026-01-08"))).Outcome);
    }

    [Fact]
    public void Escalating_past_the_last_stage_is_refused_pointing_to_the_formal_notice()
    {
        var state = AtLastStage();

        var refused = state.Handle(Event("escalated", D("2026-01-09")), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-09")));

        Assert.Equal(DecisionOutcome.Conflict, refused.Outcome);
        Assert.Contains("formal notice", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_formal_notice_before_the_last_stage_is_refused()
    {
        var state = Raise(Monday).State;

        var refused = state.ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-06")));

        Assert.Equal(DecisionOutcome.Conflict, refused.Outcome);
        Assert.Contains("stage 1", refused.Message, StringComparison.Ordinal);
        Assert.Equal(refused, state.CanServeFormalNotice()); // asked without serving, the same answer
    }

    [Fact]
    public void Whether_a_formal_notice_may_be_served_can_be_asked_without_serving_one()
    {
        Assert.Equal(DecisionOutcome.Unchanged, AtLastStage().CanServeFormalNotice().Outcome);
        var due = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16"))).State;
        Assert.Equal(EscalationPhase.FormalNoticeDue, due.Phase);
        Assert.Equal(DecisionOutcome.Unchanged, due.CanServeFormalNotice().Outcome);

        var served = Changed(due.ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16")))).State;
        Assert.Equal("A formal notice was already served on 2026-02-16.", served.CanServeFormalNotice().Message);
        Assert.Equal(DecisionOutcome.Unchanged, served.ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-17"))).Outcome);

        var cancelled = Raise(Monday).State.Cancel("Raised in error", "bm", NoonOn(D("2026-01-06"))).State;
        Assert.Equal(
            (DecisionOutcome.NotOpen, "Escalation 'esc-1' was cancelled: cannot serve a formal notice."),
            (cancelled.CanServeFormalNotice().Outcome, cancelled.CanServeFormalNotice().Message));
    }

    [Fact]
    public void A_formal_notice_may_be_served_at_the_last_stage_before_its_deadline()
    {
        var served = Changed(AtLastStage().ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-09"))));

        Assert.Equal(EscalationPhase.FormalNoticeServed, served.State.Phase);
        Assert.Equal(DeadlineState.Waived, served.State.Deadlines.Single(d => d.Name == "stage-4").State);
        Assert.DoesNotContain(served.State.Deadlines, d => d.Name == "formal-notice");
    }

    [Fact]
    public void A_formal_notice_with_two_requirements_chases_the_overdue_one_and_prompts_the_referral_decision()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16")));
        Assert.Equal(EscalationPhase.FormalNoticeDue, run.State.Phase);

        run.Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))));
        Assert.Equal(DeadlineState.Met, run.State.Deadlines.Single(d => d.Name == "formal-notice").State);
        Assert.Equal(
            [("notice-response", D("2026-03-02")), ("requirement:r1", D("2026-03-02")), ("requirement:r2", D("2026-03-16"))],
            run.State.Deadlines.Skip(5).Select(d => (d.Name, d.DueOn)));
        var served = run.Emails[^1];
        Assert.Equal(EscalationTemplates.FormalNoticeServed, served.Template);
        // The organisation (the police member), then the partnership, each person once.
        Assert.Equal("acc@police.example.org bm@partnership.example.org dcs@council.example.org nurse@icb.example.org scrutineer@partnership.example.org", string.Join(" ", served.To.Select(t => t.Email)));
        Assert.Equal("/partnerships/testshire/escalations/esc-1/documents/formal-notice.docx", served.Values["docxLink"]);

        run.Until(NoonOn(D("2026-03-10")));
        run.Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-03-10"), RequirementId: "r2"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-03-10"))));
        run.Until(NineOn(D("2026-06-30")));

        var afterNotice = run.Sent().SkipWhile(s => s.Template != EscalationTemplates.FormalNoticeServed).Skip(1).ToList();
        Assert.Equal(
            [
                (EscalationTemplates.RequirementChase, D("2026-03-03"), "acc@police.example.org bm@partnership.example.org"),
                (EscalationTemplates.RequirementChase, D("2026-03-10"), "acc@police.example.org bm@partnership.example.org"),
                (EscalationTemplates.RequirementChase, D("2026-03-17"), "acc@police.example.org bm@partnership.example.org"),
                (EscalationTemplates.ReferralPrompt, D("2026-03-17"), Partnership),
            ],
            afterNotice);
        Assert.All(run.Emails.Where(e => e.Template == EscalationTemplates.RequirementChase), e => Assert.Equal("r1", e.Values["requirementId"]));
        Assert.Equal("r1", run.Emails[^1].Values["unmetRequirements"]);
        Assert.Equal(
            [("requirement:r1", DeadlineState.Missed), ("requirement:r2", DeadlineState.Met), ("referral-decision", DeadlineState.Missed)],
            run.State.Deadlines.Where(d => d.Name.StartsWith("requirement:", StringComparison.Ordinal) || d.Name == "referral-decision").Select(d => (d.Name, d.State)));
        Assert.Equal(D("2026-03-31"), run.State.Deadlines.Single(d => d.Name == "referral-decision").DueOn);

        run.Do(e => e.Handle(new EscalationEvent("secretary-of-state-referral", D("2026-07-01"), Decision: ReferralDecision.Refer), Holidays, EscalationPolicy.Default, "partners", NoonOn(D("2026-07-01"))));
        Assert.Equal(ProcessStatus.Completed, run.State.Status);
        Assert.Equal(ReferralDecision.Refer, run.State.Referral!.Decision);
        Assert.Equal("secretary-of-state-referral", run.State.Timeline[^1].Type);
    }

    [Fact]
    public void A_change_made_and_the_referral_decision_can_be_asked_about_before_recording_them()
    {
        var atStage = Raise(Monday).State;
        Assert.Equal(DecisionOutcome.Conflict, atStage.CanMeetRequirement().Outcome);
        Assert.Equal(DecisionOutcome.Conflict, atStage.CanDecideReferral().Outcome);
        Assert.False(atStage.ReferralDecisionDue);

        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))));
        Assert.Equal(DecisionOutcome.Unchanged, run.State.CanMeetRequirement().Outcome);
        // The partners are asked for the decision only after the last due date, and not before.
        Assert.Equal(DecisionOutcome.Conflict, run.State.CanDecideReferral().Outcome);
        Assert.False(run.State.ReferralDecisionDue);

        run.Until(NoonOn(D("2026-03-10")));
        run.Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-03-10"), RequirementId: "r2"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-03-10"))));
        run.Until(NineOn(D("2026-03-17")));
        Assert.True(run.State.ReferralDecisionDue);
        Assert.Equal(DecisionOutcome.Unchanged, run.State.CanMeetRequirement().Outcome);

        run.Do(e => e.Handle(new EscalationEvent("secretary-of-state-referral", D("2026-03-18"), Decision: ReferralDecision.DoNotRefer), Holidays, EscalationPolicy.Default, "partners", NoonOn(D("2026-03-18"))));
        Assert.False(run.State.ReferralDecisionDue);
        Assert.Equal("The referral decision was already recorded on 2026-03-18.", run.State.CanDecideReferral().Message);
        Assert.Equal(DecisionOutcome.NotOpen, run.State.CanMeetRequirement().Outcome);
    }

    [Fact]
    public void The_referral_decision_is_refused_until_the_partners_are_asked_after_the_last_due_date()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))));
        var early = new EscalationEvent("secretary-of-state-referral", D("2026-03-16"), Decision: ReferralDecision.Refer);

        run.Until(NoonOn(D("2026-03-16")));
        var refused = run.State.Handle(early, Holidays, EscalationPolicy.Default, "partners", NoonOn(D("2026-03-16")));

        Assert.Equal(
            (DecisionOutcome.Conflict, "The partners have not been asked to decide on referral yet. They are asked once a required change is still unmet after its last due date, on 2026-03-17."),
            (refused.Outcome, refused.Message));
        Assert.Equal(refused.Message, run.State.CanDecideReferral().Message);

        run.Until(NineOn(D("2026-03-17")));
        Assert.True(run.State.ReferralDecisionDue);
        Assert.Equal(DecisionOutcome.Unchanged, run.State.CanDecideReferral().Outcome);
        // Once asked, a decision dated before the prompt (but after the notice) is still taken: they may have met earlier.
        run.Do(e => e.Handle(early, Holidays, EscalationPolicy.Default, "partners", NoonOn(D("2026-03-17"))));
        Assert.Equal(ReferralDecision.Refer, run.State.Referral!.Decision);
    }

    [Fact]
    public void When_every_requirement_is_met_the_notice_is_complied_with_and_nothing_more_is_chased()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))));

        run.Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-02-20"), RequirementId: "r1"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-20"))));
        run.Do(e => e.Handle(new EscalationEvent("requirement-met", D("2026-02-20"), RequirementId: "r2"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-20"))));

        Assert.Equal(ProcessStatus.Completed, run.State.Status);
        Assert.True(run.State.CanMeetRequirement().IsRefusal);
        Assert.True(run.State.CanDecideReferral().IsRefusal);
        Assert.Equal(EscalationTemplates.NoticeCompliedWith, run.Emails[^1].Template);
        Assert.Equal(DeadlineState.Waived, run.State.Deadlines.Single(d => d.Name == "notice-response").State);
        Assert.Null(run.State.NextWakeAt);
    }

    [Fact]
    public void Cancelling_stops_every_pending_action_and_refuses_later_events()
    {
        var cancelled = Raise(Monday).State.Cancel("Raised in error", "bm", NoonOn(D("2026-01-06")));

        Assert.Equal(ProcessStatus.Cancelled, cancelled.State.Status);
        Assert.Null(cancelled.State.NextWakeAt);
        Assert.Equal(DeadlineState.Waived, Assert.Single(cancelled.State.Deadlines).State);
        Assert.Equal(EscalationTemplates.Cancelled, Assert.Single(cancelled.Emails).Template);
        Assert.Same(cancelled.State, cancelled.State.Wake(NineOn(D("2026-12-31"))).State);
        var refused = cancelled.State.Handle(Resolved("Agreed"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-07")));
        Assert.Equal((DecisionOutcome.NotOpen, "Escalation 'esc-1' was cancelled; it takes no more events."), (refused.Outcome, refused.Message));
    }

    [Fact]
    public void Responses_are_recorded_in_the_timeline_once_each()
    {
        var state = Raise(Monday).State;
        var response = new EscalationEvent("responded", D("2026-01-06"), By: new Responder("Testshire Police", "Pat Police Officer"), Note: "Will review the threshold.");

        var once = Changed(state.Handle(response, Holidays, EscalationPolicy.Default, "pat", NoonOn(D("2026-01-06")))).State;

        Assert.Equal(DecisionOutcome.Unchanged, once.Handle(response, Holidays, EscalationPolicy.Default, "pat", NoonOn(D("2026-01-06"))).Outcome);
        var entry = once.Timeline[^1];
        Assert.Equal(("responded", "pat"), (entry.Type, entry.Actor));
        Assert.Equal("Stage 1 (Practitioners): response from Testshire Police on 2026-01-06", entry.Detail);
        Assert.Equal(1, Assert.Single(once.Responses).Stage);
    }

    [Theory]
    [InlineData("resolved", "2026-01-07", "on")]    // in the future
    [InlineData("resolved", "2026-01-02", "on")]    // before it was raised
    [InlineData("resolved", "2026-01-06", "outcome")]
    [InlineData("requirement-met", "2026-01-06", "requirementId")]
    [InlineData("secretary-of-state-referral", "2026-01-06", "decision")]
    [InlineData("closed", "2026-01-06", "type")]
    public void Bad_events_are_refused_naming_the_field(string type, string on, string field)
    {
        var refused = Raise(Monday).State.Handle(Event(type, D(on)), Holidays, EscalationPolicy.Default, "x", NoonOn(D("2026-01-06")));

        Assert.Equal((DecisionOutcome.Invalid, field), (refused.Outcome, refused.Field));
    }

    [Fact]
    public void A_requirement_the_notice_does_not_have_is_refused_naming_requirementId()
    {
        var served = Changed(AtLastStage().ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-09")))).State;

        var refused = served.Handle(new EscalationEvent("requirement-met", D("2026-01-09"), RequirementId: "r9"), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-09")));

        Assert.Equal((DecisionOutcome.Invalid, "requirementId"), (refused.Outcome, refused.Field));
        Assert.Equal("The formal notice has no requirement 'r9'. Its requirements are: r1.", refused.Message);
    }

    [Fact]
    public void A_requirement_due_on_the_day_of_service_is_refused()
    {
        var refused = AtLastStage().ServeFormalNotice(Notice(("r1", D("2026-01-09"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-09")));

        Assert.Equal((DecisionOutcome.Invalid, "requirements[0].dueOn"), (refused.Outcome, refused.Field));
    }

    [Fact]
    public void An_escalation_raised_in_the_future_is_refused()
    {
        var refused = Escalation.Raise(Key, Request(D("2026-01-06")), Arrangements(), Holidays, EscalationPolicy.Default, "x", NoonOn(Monday));

        Assert.Equal((DecisionOutcome.Invalid, "raisedOn"), (refused.Outcome, refused.Field));
    }

    [Fact]
    public void The_state_round_trips_through_json_as_grain_storage_writes_it()
    {
        var run = new EscalationRun(Raise(Monday)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02")), ("r2", D("2026-03-16"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))));
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

        var json = JsonSerializer.Serialize(run.State, options);
        var back = JsonSerializer.Deserialize<Escalation>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Equal(run.State.NextWakeAt, back.NextWakeAt);
        Assert.Equal(run.State.Wake(NineOn(D("2026-04-01"))).Emails.Select(e => e.Id), back.Wake(NineOn(D("2026-04-01"))).Emails.Select(e => e.Id));
        Assert.DoesNotContain("\"nextWakeAt\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void No_email_ever_carries_the_summary_or_a_required_change()
    {
        var run = new EscalationRun(Raise(Monday, immediateRisk: true)).Until(NineOn(D("2026-02-16")))
            .Do(e => e.ServeFormalNotice(Notice(("r1", D("2026-03-02"))), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-02-16"))))
            .Until(NineOn(D("2026-06-30")));

        Assert.All(run.Emails.SelectMany(e => e.Values.Values), v =>
        {
            Assert.DoesNotContain("threshold", v, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Change r1", v, StringComparison.Ordinal);
        });
        Assert.All(run.Emails, e => Assert.Equal("Testshire Safeguarding Children Partnership", e.Values["partnershipName"]));
    }

    private static EscalationEvent Resolved(string outcome) => new("resolved", D("2026-01-06"), Outcome: outcome);

    /// <summary>Escalated by hand to stage 4 on Wednesday 7 January 2026.</summary>
    private static Escalation AtLastStage()
    {
        var state = Raise(Monday).State;
        for (var stage = 2; stage <= 4; stage++)
        {
            state = Changed(state.Handle(new EscalationEvent("escalated", D("2026-01-07"), Stage: stage), Holidays, EscalationPolicy.Default, "bm", NoonOn(D("2026-01-07")))).State;
        }

        Assert.Equal(4, state.CurrentStage);
        return state;
    }
}
