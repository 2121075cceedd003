namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>
/// The escalation timescales that are not part of a partnership's stage ladder. The defaults follow the local
/// protocols statutory-rules.md §4 draws on; the stage ladder itself is <c>PartnershipTimescales.EscalationStages</c>.
/// </summary>
public sealed record EscalationPolicy
{
    public static EscalationPolicy Default { get; } = new();

    /// <summary>The people at a stage are reminded this many working days before the stage's deadline.</summary>
    public int StageReminderWorkingDaysBefore { get; init; } = 1;

    /// <summary>After the last stage, the business manager has this many working days to serve a formal notice.</summary>
    public int FormalNoticeWithinWorkingDays { get; init; } = 5;

    /// <summary>The business manager is reminded this many working days before the formal notice is due.</summary>
    public int FormalNoticeReminderWorkingDaysBefore { get; init; } = 1;

    /// <summary>When the notice does not say, the organisation must reply within this many working days of service.</summary>
    public int NoticeResponseWithinWorkingDays { get; init; } = 10;

    /// <summary>
    /// An overdue requirement is chased on the first working day after its due date and then every this many working
    /// days (5: weekly), until it is met or the referral prompt has gone out.
    /// </summary>
    public int ChaseEveryWorkingDays { get; init; } = 5;

    /// <summary>The partners have this many working days after the referral prompt to record their decision.</summary>
    public int ReferralDecisionWithinWorkingDays { get; init; } = 10;
}
