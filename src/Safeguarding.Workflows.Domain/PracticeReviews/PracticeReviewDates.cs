using Safeguarding.Workflows.Domain.Calendar;

namespace Safeguarding.Workflows.Domain.PracticeReviews;

/// <summary>
/// The dates of docs/design/statutory-rules.md §3 (Regulations 2018; WT23 ch.5). The clock starts on the date the partners decided
/// to commission the review. Publication clocks are in calendar months ("N calendar months after D": the same day of
/// the month, or the month's last day); the sending to the Panel is in working days.
/// </summary>
public static class PracticeReviewDates
{
    /// <summary>The review is published 6 calendar months after the decision.</summary>
    public const int PublicationTargetMonths = 6;

    /// <summary>The final report goes to the Panel and the Secretary of State at least 7 working days before publication.</summary>
    public const int PrePublicationSendingWorkingDays = 7;

    /// <summary>The published report stays available for at least a year.</summary>
    public const int PublicationPeriodMonths = 12;

    /// <summary>Partners are reminded this many working days before the report may be taken down.</summary>
    public const int PublicationPeriodReminderWorkingDaysBefore = 10;

    /// <summary>The business manager is reminded of a checkpoint, or warned of a publication deadline at risk, this many working days before.</summary>
    public const int ReminderWorkingDaysBefore = 2;

    /// <summary>An overdue action is chased on the first working day after it was due, then every this many working days.</summary>
    public const int ActionChaseEveryWorkingDays = 5;

    /// <summary>An overdue action is chased until it is done; at least this many chases are planned ahead, and each wake plans further.</summary>
    public const int ActionChasesPlannedAhead = 6;

    public static DateOnly PublicationDue(DateOnly decidedOn) => StatutoryCalendar.AddCalendarMonths(decidedOn, PublicationTargetMonths);

    /// <summary>The 7th working day strictly before the planned publication date.</summary>
    public static DateOnly PrePublicationSendingDue(DateOnly plannedOn, StatutoryCalendar calendar) =>
        calendar.AddWorkingDays(plannedOn, -PrePublicationSendingWorkingDays);

    /// <summary>The first day the published report may be taken down: 12 calendar months after publication.</summary>
    public static DateOnly PublicationPeriodEnds(DateOnly publishedOn) => StatutoryCalendar.AddCalendarMonths(publishedOn, PublicationPeriodMonths);

    /// <summary>
    /// The monitoring checkpoints: every <paramref name="intervalMonths"/> calendar months after the decision, strictly
    /// before <paramref name="horizon"/> (the publication target, or the planned publication date when that is later).
    /// Numbered from 1.
    /// </summary>
    public static IReadOnlyList<(int Number, DateOnly On)> Checkpoints(DateOnly decidedOn, int intervalMonths, DateOnly horizon)
    {
        var checkpoints = new List<(int, DateOnly)>();
        if (intervalMonths < 1)
        {
            return checkpoints;
        }

        for (var n = 1; ; n++)
        {
            var on = StatutoryCalendar.AddCalendarMonths(decidedOn, n * intervalMonths);
            if (on >= horizon)
            {
                return checkpoints;
            }

            checkpoints.Add((n, on));
        }
    }
}
