using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>
/// One stage of a running escalation: the partnership's stage, who it reaches, and its dates. Dates of stages the
/// concern has not reached yet are the plan if nothing else happens; escalating by hand plans them again.
/// </summary>
/// <param name="StartsOn">The local date the concern reached (or will reach) this stage: raising for stage 1, escalation for later stages.</param>
/// <param name="DueOn">The stage's deadline (<c>stage-{n}</c>): <see cref="ResolveWithinWorkingDays"/> working days after <see cref="StartsOn"/>.</param>
/// <param name="ReminderOn">When the people at this stage are reminded; null when that day would not fall after <see cref="StartsOn"/>.</param>
/// <param name="EscalatesOn">
/// The first working day after <see cref="DueOn"/>: if the concern is still unresolved at the send time that day, it
/// moves up (or, after the last stage, the formal notice is prompted). Waiting for the working day lets a resolution
/// recorded over a weekend still count, and sends the notices in working hours.
/// </param>
public sealed record StagePlan(
    int Number,
    string Name,
    string Who,
    int ResolveWithinWorkingDays,
    EscalationLevel Level,
    ImmutableList<EmailRecipient> People,
    DateOnly StartsOn,
    DateOnly DueOn,
    DateOnly? ReminderOn,
    DateOnly EscalatesOn)
{
    public string DeadlineName => EscalationDeadlines.Stage(Number);

    /// <summary>"stage 2 (Managers)", for timeline details.</summary>
    public string Label => $"stage {Number} ({Name})";
}

/// <summary>When the formal notice falls due after the last stage: prompted on <see cref="PromptOn"/>, due on <see cref="DueOn"/>.</summary>
public sealed record FormalNoticePlan(DateOnly PromptOn, DateOnly DueOn, DateOnly? ReminderOn);

/// <summary>The stable deadline names of docs/design/api.md.</summary>
public static class EscalationDeadlines
{
    public const string FormalNotice = "formal-notice";

    /// <summary>The organisation's reply to the formal notice.</summary>
    public const string NoticeResponse = "notice-response";

    /// <summary>The partners' decision on referral to the Secretary of State.</summary>
    public const string ReferralDecision = "referral-decision";

    public static string Stage(int number) => $"stage-{number}";

    public static string Requirement(string id) => $"requirement:{id}";
}

/// <summary>The date rules of docs/design/statutory-rules.md §4, pure: every date is a Europe/London local date in <paramref name="calendar"/>.</summary>
public static class EscalationSchedule
{
    /// <summary>
    /// Plans stages <paramref name="fromIndex"/> (0-based) onwards of <paramref name="stages"/>, the first of them
    /// starting on <paramref name="startsOn"/> and each later one on the day the one before escalates.
    /// </summary>
    public static ImmutableList<StagePlan> Replan(ImmutableList<StagePlan> stages, int fromIndex, DateOnly startsOn, StatutoryCalendar calendar, EscalationPolicy policy)
    {
        var result = stages;
        var start = startsOn;
        for (var i = fromIndex; i < stages.Count; i++)
        {
            var planned = Plan(stages[i], start, calendar, policy);
            result = result.SetItem(i, planned);
            start = planned.EscalatesOn;
        }

        return result;
    }

    /// <summary>Every stage of the partnership's ladder, planned from <paramref name="raisedOn"/> as if nobody resolved anything.</summary>
    public static ImmutableList<StagePlan> Ladder(
        IReadOnlyList<EscalationStage> ladder, PartnershipArrangements arrangements, EscalationRequest request, StatutoryCalendar calendar, EscalationPolicy policy)
    {
        if (ladder.Count == 0)
        {
            throw new ArgumentException("An escalation ladder needs at least one stage.", nameof(ladder));
        }

        var stages = ladder.Select((stage, i) =>
        {
            var level = EscalationPeople.LevelOf(i, ladder.Count);
            return new StagePlan(i + 1, stage.Name, stage.Who, stage.ResolveWithinWorkingDays, level, EscalationPeople.At(level, arrangements, request), default, default, null, default);
        }).ToImmutableList();
        return Replan(stages, 0, request.RaisedOn, calendar, policy);
    }

    /// <summary>The dates of <paramref name="stage"/> when it starts on <paramref name="startsOn"/>.</summary>
    public static StagePlan Plan(StagePlan stage, DateOnly startsOn, StatutoryCalendar calendar, EscalationPolicy policy)
    {
        var dueOn = calendar.AddWorkingDays(startsOn, stage.ResolveWithinWorkingDays);
        var reminderOn = calendar.AddWorkingDays(dueOn, -policy.StageReminderWorkingDaysBefore);
        return stage with
        {
            StartsOn = startsOn,
            DueOn = dueOn,
            ReminderOn = reminderOn > startsOn ? reminderOn : null,
            EscalatesOn = calendar.AddWorkingDays(dueOn, 1),
        };
    }

    /// <summary>The formal notice is prompted the day the last stage escalates and due a number of working days later.</summary>
    public static FormalNoticePlan FormalNoticeAfter(StagePlan last, StatutoryCalendar calendar, EscalationPolicy policy)
    {
        var dueOn = calendar.AddWorkingDays(last.EscalatesOn, policy.FormalNoticeWithinWorkingDays);
        var reminderOn = calendar.AddWorkingDays(dueOn, -policy.FormalNoticeReminderWorkingDaysBefore);
        return new FormalNoticePlan(last.EscalatesOn, dueOn, reminderOn > last.EscalatesOn ? reminderOn : null);
    }

    /// <summary>
    /// When an unmet requirement due on <paramref name="dueOn"/> is chased: the first working day after it, then every
    /// <see cref="EscalationPolicy.ChaseEveryWorkingDays"/> working days, up to and including <paramref name="until"/>
    /// (the day of the referral prompt, after which the partners' decision is the next step).
    /// </summary>
    public static ImmutableList<DateOnly> ChaseDates(DateOnly dueOn, DateOnly until, StatutoryCalendar calendar, EscalationPolicy policy)
    {
        var dates = ImmutableList.CreateBuilder<DateOnly>();
        for (var day = calendar.AddWorkingDays(dueOn, 1); day <= until; day = calendar.AddWorkingDays(day, policy.ChaseEveryWorkingDays))
        {
            dates.Add(day);
        }

        return dates.ToImmutable();
    }
}
