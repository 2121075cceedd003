using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Escalations.EscalationFixtures;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>Stage dates: N working days after the stage began, with a reminder the working day before and escalation the working day after.</summary>
public sealed class EscalationScheduleTests
{
    [Theory]
    // raisedOn,    days, due,          reminder,     escalates
    [InlineData("2026-01-05", 5, "2026-01-12", "2026-01-09", "2026-01-13")] // plain week
    [InlineData("2026-01-10", 5, "2026-01-16", "2026-01-15", "2026-01-19")] // raised on a Saturday: the Saturday is not counted
    [InlineData("2026-12-18", 5, "2026-12-29", "2026-12-24", "2026-12-30")] // Christmas Day and the Boxing Day substitute (28 Dec)
    [InlineData("2026-12-30", 5, "2027-01-07", "2027-01-06", "2027-01-08")] // New Year's Day
    [InlineData("2026-04-01", 5, "2026-04-10", "2026-04-09", "2026-04-13")] // Good Friday and Easter Monday
    [InlineData("2022-05-31", 5, "2022-06-09", "2022-06-08", "2022-06-10")] // 2022 one-offs: spring holiday moved to 2 June, extra 3 June
    [InlineData("2023-05-04", 5, "2023-05-12", "2023-05-11", "2023-05-15")] // 2023 one-off: the coronation, Monday 8 May
    [InlineData("2026-01-29", 10, "2026-02-12", "2026-02-11", "2026-02-13")] // the partnership stage's 10 working days
    public void A_stage_is_due_its_working_days_after_it_began(string startsOn, int days, string dueOn, string reminderOn, string escalatesOn)
    {
        var stage = Plan(D(startsOn), days);

        Assert.Equal(D(dueOn), stage.DueOn);
        Assert.Equal(D(reminderOn), stage.ReminderOn);
        Assert.Equal(D(escalatesOn), stage.EscalatesOn);
    }

    [Fact]
    public void A_one_day_stage_has_no_reminder_because_it_would_fall_on_the_day_it_began()
    {
        var stage = Plan(D("2026-01-05"), 1);

        Assert.Equal(D("2026-01-06"), stage.DueOn);
        Assert.Null(stage.ReminderOn);
    }

    [Fact]
    public void The_default_ladder_unanswered_runs_5_5_5_10_working_days_then_5_for_the_formal_notice()
    {
        var stages = EscalationSchedule.Ladder(PartnershipTimescales.DefaultEscalationStages, Arrangements(), Request(D("2026-01-05")), Holidays, EscalationPolicy.Default);

        Assert.Equal(
            [
                (1, D("2026-01-05"), D("2026-01-12"), D("2026-01-13")),
                (2, D("2026-01-13"), D("2026-01-20"), D("2026-01-21")),
                (3, D("2026-01-21"), D("2026-01-28"), D("2026-01-29")),
                (4, D("2026-01-29"), D("2026-02-12"), D("2026-02-13")),
            ],
            stages.Select(s => (s.Number, s.StartsOn, s.DueOn, s.EscalatesOn)));
        var notice = EscalationSchedule.FormalNoticeAfter(stages[^1], Holidays, EscalationPolicy.Default);
        Assert.Equal(new FormalNoticePlan(D("2026-02-13"), D("2026-02-20"), D("2026-02-19")), notice);
    }

    [Fact]
    public void A_partnerships_own_ladder_sets_the_stages_and_their_days()
    {
        EscalationStage[] ladder =
        [
            new() { Name = "Practitioners", Who = "the practitioners", ResolveWithinWorkingDays = 3 },
            new() { Name = "Safeguarding leads", Who = "designated leads", ResolveWithinWorkingDays = 2 },
            new() { Name = "Partnership", Who = "the partnership", ResolveWithinWorkingDays = 7 },
        ];

        // Raised the Thursday before the early May bank holiday (Monday 4 May 2026).
        var stages = EscalationSchedule.Ladder(ladder, Arrangements(ladder), Request(D("2026-04-30")), Holidays, EscalationPolicy.Default);

        Assert.Equal(["Practitioners", "Safeguarding leads", "Partnership"], stages.Select(s => s.Name));
        Assert.Equal([EscalationLevel.Practitioners, EscalationLevel.Managers, EscalationLevel.Partnership], stages.Select(s => s.Level));
        Assert.Equal(
            [
                (D("2026-04-30"), D("2026-05-06"), (DateOnly?)D("2026-05-05"), D("2026-05-07")),
                (D("2026-05-07"), D("2026-05-11"), D("2026-05-08"), D("2026-05-12")),
                (D("2026-05-12"), D("2026-05-21"), D("2026-05-20"), D("2026-05-22")),
            ],
            stages.Select(s => (s.StartsOn, s.DueOn, s.ReminderOn, s.EscalatesOn)));
        Assert.Equal(D("2026-06-01"), EscalationSchedule.FormalNoticeAfter(stages[^1], Holidays, EscalationPolicy.Default).DueOn); // 25 May is a bank holiday
    }

    [Fact]
    public void A_partnership_closure_day_is_not_a_working_day()
    {
        var calendar = Holidays.WithClosureDays([D("2026-01-08")]);

        var stage = EscalationSchedule.Plan(Template(5), D("2026-01-05"), calendar, EscalationPolicy.Default);

        Assert.Equal(D("2026-01-13"), stage.DueOn);
    }

    [Fact]
    public void Replanning_from_a_manual_escalation_moves_every_later_stage()
    {
        var stages = EscalationSchedule.Ladder(PartnershipTimescales.DefaultEscalationStages, Arrangements(), Request(D("2026-01-05")), Holidays, EscalationPolicy.Default);

        var replanned = EscalationSchedule.Replan(stages, 1, D("2026-01-07"), Holidays, EscalationPolicy.Default);

        Assert.Equal(stages[0], replanned[0]);
        Assert.Equal([D("2026-01-07"), D("2026-01-15"), D("2026-01-23")], replanned.Skip(1).Select(s => s.StartsOn));
        Assert.Equal([D("2026-01-14"), D("2026-01-22"), D("2026-02-06")], replanned.Skip(1).Select(s => s.DueOn));
    }

    [Theory]
    [InlineData("2026-03-02", "2026-03-17", new[] { "2026-03-03", "2026-03-10", "2026-03-17" })]
    [InlineData("2026-04-02", "2026-04-30", new[] { "2026-04-07", "2026-04-14", "2026-04-21", "2026-04-28" })] // Easter, then stops before the early May holiday week
    [InlineData("2026-03-16", "2026-03-17", new[] { "2026-03-17" })] // the last requirement: chased once, with the referral prompt
    public void An_unmet_requirement_is_chased_weekly_in_working_days_until_the_referral_prompt(string dueOn, string until, string[] expected)
    {
        var dates = EscalationSchedule.ChaseDates(D(dueOn), D(until), Holidays, EscalationPolicy.Default);

        Assert.Equal(expected.Select(D), dates);
    }

    private static StagePlan Plan(DateOnly startsOn, int days) => EscalationSchedule.Plan(Template(days), startsOn, Holidays, EscalationPolicy.Default);

    private static StagePlan Template(int days) => new(1, "Practitioners", "the practitioners", days, EscalationLevel.Practitioners, [], default, default, null, default);
}
