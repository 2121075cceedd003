using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>
/// The escalation timescales that are not part of a partnership's stage ladder, taken from the partnership's
/// <c>timescales</c> (<see cref="For"/>), where the defaults live; the stage ladder itself is
/// <see cref="PartnershipTimescales.EscalationStages"/>.
/// </summary>
public sealed record EscalationPolicy
{
    /// <summary>The timings of a partnership file that sets none of them.</summary>
    public static EscalationPolicy Default { get; } = For(new PartnershipTimescales());

    /// <summary>The people at a stage are reminded this many working days before the stage's deadline.</summary>
    public required int StageReminderWorkingDaysBefore { get; init; }

    /// <summary>After the last stage, the business manager has this many working days to serve a formal notice.</summary>
    public required int FormalNoticeWithinWorkingDays { get; init; }

    /// <summary>The business manager is reminded this many working days before the formal notice is due.</summary>
    public required int FormalNoticeReminderWorkingDaysBefore { get; init; }

    /// <summary>When the notice does not say, the organisation must reply within this many working days of service.</summary>
    public required int NoticeResponseWithinWorkingDays { get; init; }

    /// <summary>
    /// An overdue requirement is chased on the first working day after its due date and then every this many working
    /// days, until it is met or the referral prompt has gone out.
    /// </summary>
    public required int ChaseEveryWorkingDays { get; init; }

    /// <summary>The partners have this many working days after the referral prompt to record their decision.</summary>
    public required int ReferralDecisionWithinWorkingDays { get; init; }

    public static EscalationPolicy For(PartnershipTimescales timescales) => new()
    {
        StageReminderWorkingDaysBefore = timescales.EscalationStageReminderWorkingDaysBefore,
        FormalNoticeWithinWorkingDays = timescales.FormalNoticeWithinWorkingDays,
        FormalNoticeReminderWorkingDaysBefore = timescales.FormalNoticeReminderWorkingDaysBefore,
        NoticeResponseWithinWorkingDays = timescales.FormalNoticeResponseWithinWorkingDays,
        ChaseEveryWorkingDays = timescales.RequirementChaseEveryWorkingDays,
        ReferralDecisionWithinWorkingDays = timescales.ReferralDecisionWithinWorkingDays,
    };
}
