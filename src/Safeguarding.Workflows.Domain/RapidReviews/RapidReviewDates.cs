using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Reviews;

namespace Safeguarding.Workflows.Domain.RapidReviews;

/// <summary>What the rapid review clock is counted from, and whether the date can still move.</summary>
/// <param name="Provisional">True while the clock should start at the notification and none is recorded yet, so the date is counted from awareness for now.</param>
public sealed record RapidReviewClock(DateOnly DueOn, RapidReviewClockStart CountedFrom, bool Provisional);

/// <summary>
/// The dates of docs/design/statutory-rules.md §2 (Children Act 2004 s16C; WT23 ch.5). Every count is in working days of the
/// partnership's calendar: "N working days after D" is the N-th working day strictly after D.
/// </summary>
public static class RapidReviewDates
{
    /// <summary>The local authority notifies the national Panel within 5 working days of becoming aware.</summary>
    public const int PanelNotificationWorkingDays = 5;

    /// <summary>The safeguarding partners are told within 5 working days.</summary>
    public const int PartnersInformedWorkingDays = 5;

    /// <summary>When a looked-after child died: the Secretary of State and Ofsted within 5 working days.</summary>
    public const int SecretaryOfStateWorkingDays = 5;

    /// <summary>The rapid review goes to the Panel within 15 working days.</summary>
    public const int RapidReviewWorkingDays = 15;

    /// <summary>Agency contacts are reminded this many working days before their summary is due.</summary>
    public const int SummaryReminderWorkingDaysBefore = 2;

    /// <summary>The business manager is warned this many working days before a pending deadline.</summary>
    public const int AtRiskWorkingDaysBefore = 2;

    /// <summary>
    /// A late summary is chased each working day after it was due until it arrives or the review goes to the Panel;
    /// at least this many chases are planned ahead, and each wake plans further.
    /// </summary>
    public const int SummaryChasesPlannedAhead = 20;

    public static DateOnly PanelNotificationDue(DateOnly awareOn, StatutoryCalendar calendar) =>
        calendar.AddWorkingDays(awareOn, PanelNotificationWorkingDays);

    public static DateOnly PartnersInformedDue(DateOnly awareOn, StatutoryCalendar calendar) =>
        calendar.AddWorkingDays(awareOn, PartnersInformedWorkingDays);

    public static DateOnly SecretaryOfStateDue(DateOnly awareOn, StatutoryCalendar calendar) =>
        calendar.AddWorkingDays(awareOn, SecretaryOfStateWorkingDays);

    public static DateOnly AgencySummariesDue(DateOnly awareOn, PartnershipTimescales timescales, StatutoryCalendar calendar) =>
        calendar.AddWorkingDays(awareOn, timescales.AgencySummariesWithinWorkingDays);

    /// <summary>
    /// 15 working days after the notification date when the partnership counts from the notification (the default) and
    /// it is recorded; 15 working days after awareness when the partnership counts from awareness; and, until the
    /// notification is recorded, provisionally 15 working days after awareness.
    /// </summary>
    public static RapidReviewClock RapidReviewDue(DateOnly awareOn, DateOnly? notifiedOn, RapidReviewClockStart clockStart, StatutoryCalendar calendar) =>
        (clockStart, notifiedOn) switch
        {
            (RapidReviewClockStart.Notification, { } notified) => new(calendar.AddWorkingDays(notified, RapidReviewWorkingDays), RapidReviewClockStart.Notification, false),
            (RapidReviewClockStart.Notification, null) => new(calendar.AddWorkingDays(awareOn, RapidReviewWorkingDays), RapidReviewClockStart.Awareness, true),
            _ => new(calendar.AddWorkingDays(awareOn, RapidReviewWorkingDays), RapidReviewClockStart.Awareness, false),
        };

    /// <summary>
    /// The deadlines a rapid review opens with, in due order: the Secretary of State's only when a looked-after child
    /// died, and only that one in a notification-only case.
    /// </summary>
    public static ImmutableList<Deadline> Initial(RapidReviewCase review, RapidReviewClockStart clockStart, PartnershipTimescales timescales, StatutoryCalendar calendar)
    {
        var secretaryOfState = Completion.Due(RapidReviewDeadlines.SecretaryOfStateNotification, SecretaryOfStateDue(review.AwareOn, calendar));
        if (review.NotificationOnly)
        {
            return [secretaryOfState];
        }

        var deadlines = new List<Deadline>
        {
            Completion.Due(RapidReviewDeadlines.PanelNotification, PanelNotificationDue(review.AwareOn, calendar)),
            Completion.Due(RapidReviewDeadlines.PartnersInformed, PartnersInformedDue(review.AwareOn, calendar)),
        };
        if (review.NotifiesSecretaryOfState)
        {
            deadlines.Add(secretaryOfState);
        }

        deadlines.Add(Completion.Due(RapidReviewDeadlines.AgencySummaries, AgencySummariesDue(review.AwareOn, timescales, calendar)));
        deadlines.Add(Completion.Due(RapidReviewDeadlines.RapidReview, RapidReviewDue(review.AwareOn, null, clockStart, calendar).DueOn));
        return [.. deadlines];
    }
}
