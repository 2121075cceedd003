using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;

namespace Safeguarding.Workflows.Domain.Timeliness;

/// <summary>The timeliness report's rows in words, the same on the page, in its CSV and in the annual report's appendix.</summary>
public static class TimelinessLabels
{
    /// <summary>What an agency was asked for: a meeting paper.</summary>
    public const string Papers = "paper";

    /// <summary>What an agency was asked for: a rapid review's agency summary.</summary>
    public const string AgencySummaries = "agency-summary";

    /// <summary>A process kind, capitalised ("Rapid review").</summary>
    public static string Kind(string kind)
    {
        var words = kind.Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>A clock in words: the kinds' own labels where they have them.</summary>
    public static string Clock(string kind, string clock) => (kind, clock) switch
    {
        (ProcessKinds.RapidReview, _) => RapidReviewDeadlines.Label(clock),
        (ProcessKinds.PracticeReview, _) => PracticeReviewDeadlines.Label(clock, fullReport: true),
        (_, MeetingDeadlines.PaperDeadline) => "Papers in",
        (_, MeetingDeadlines.Circulation) => "Papers circulated to members",
        (_, MeetingDeadlines.Notes) => "Notes of the meeting",
        (_, "action") => "Actions",
        _ when clock.StartsWith("stage-", StringComparison.Ordinal) => $"Stage {clock["stage-".Length..]} response",
        _ => char.ToUpperInvariant(clock[0]) + clock[1..].Replace('-', ' '),
    };

    public static string Contribution(string what) => what == Papers ? "Meeting papers" : "Agency summaries";
}
