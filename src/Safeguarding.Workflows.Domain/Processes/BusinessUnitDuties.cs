using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.RapidReviews;

namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>
/// The deadlines the partnership's business unit owes, rather than a named contributor: notifying the Panel, telling
/// the partners, serving a formal notice, circulating papers and notes, compiling, publishing and sending the annual
/// report. What named people owe is in each process's <see cref="IDurableProcess{TSelf}.Owed"/>; these go to the
/// business manager's own calendar, read from the deadline's name alone (the index keeps every open deadline), so
/// no process needs saving again for them.
/// </summary>
public static class BusinessUnitDuties
{
    /// <summary>What the business unit must do by <paramref name="deadline"/> in words, or null when it is not the business unit's to do.</summary>
    /// <remarks>
    /// Not listed: what contributors owe (papers, agency summaries, sections, stage responses, required changes, actions)
    /// and a practice review's publication period, a date before which nothing may be taken down rather than a task.
    /// </remarks>
    public static string? Of(string kind, string deadline) => (kind, deadline) switch
    {
        (ProcessKinds.RapidReview, RapidReviewDeadlines.PanelNotification or RapidReviewDeadlines.PartnersInformed
            or RapidReviewDeadlines.SecretaryOfStateNotification or RapidReviewDeadlines.RapidReview) => RapidReviewDeadlines.Label(deadline),
        (ProcessKinds.PracticeReview, PracticeReviewDeadlines.Publication) => "Publishing the review",
        (ProcessKinds.PracticeReview, PracticeReviewDeadlines.PrePublicationSending) => PracticeReviewDeadlines.Label(deadline, fullReport: true),
        (ProcessKinds.PracticeReview, _) when PracticeReviewDeadlines.IsCheckpoint(deadline) => PracticeReviewDeadlines.Label(deadline, fullReport: true),
        (ProcessKinds.Escalation, EscalationDeadlines.FormalNotice) => "Serving the formal notice",
        (ProcessKinds.Escalation, EscalationDeadlines.ReferralDecision) => "The partners’ decision on referral to the Secretary of State",
        (ProcessKinds.Meeting, MeetingDeadlines.Circulation) => "Circulating the papers",
        (ProcessKinds.Meeting, MeetingDeadlines.Notes) => "Circulating the notes and actions",
        (ProcessKinds.AnnualReport, AnnualReportDeadlines.Draft) => "Compiling the draft report",
        (ProcessKinds.AnnualReport, AnnualReportDeadlines.Publication) => "Publishing the report",
        (ProcessKinds.AnnualReport, AnnualReportDeadlines.Submission) => "Sending the published report to the Panel and Foundations",
        _ => null,
    };
}
