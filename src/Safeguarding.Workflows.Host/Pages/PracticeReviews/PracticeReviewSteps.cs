using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.PracticeReviews;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.PracticeReviews;

/// <summary>A step staff record on a practice review's page, by its API name (<see cref="PracticeReviewNames"/>).</summary>
/// <param name="Action">The link on the review page.</param>
/// <param name="Question">The date question on the step's form.</param>
/// <param name="Banner">The success banner on the review page after the step is recorded.</param>
/// <param name="Check">Irreversible: the answers are shown to check before they are recorded.</param>
public sealed partial record PracticeReviewStep(string Name, string Action, string Question, string Banner, bool Check = false)
{
    public static readonly IReadOnlyList<PracticeReviewStep> All =
    [
        new("reviewer-appointed", "Record that the reviewer was appointed", "When was the reviewer appointed?", "Reviewer appointment recorded"),
        new("checkpoint-held", "Record a monitoring checkpoint", "When was the checkpoint held?", "Monitoring checkpoint recorded"),
        new("recommendation-added", "Add a recommendation", "When was the recommendation agreed?", "Recommendation added"),
        new("action-completed", "Record that an action was completed", "When was the action completed?", "Action completed"),
        new("publication-planned", "Plan the publication", "When was the plan agreed?", "Publication plan recorded"),
        new("sent-to-panel-and-secretary-of-state", "Record that the final report was sent to the Panel and the Secretary of State", "When was it sent?", "Sending to the Panel and the Secretary of State recorded"),
        new("published", "Record the publication", "When was it published?", "Publication recorded", Check: true),
        new("withdrawn", "Record that the publication was taken down", "When was it taken down?", "Taking down recorded", Check: true),
        new("delay-reason", "Give a reason for a delay", "When was the reason given?", "Delay reason recorded"),
    ];

    public static PracticeReviewStep? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>What the review publishes, by the API's <c>fullReport</c>.</summary>
    public static readonly IReadOnlyList<Choice> Publishes =
    [
        new("true", "The full report"),
        new("false", "Information about the improvements instead", "When the partners decide the full report should not be published. The same clocks apply."),
    ];

    /// <summary>Whether this step can be recorded now: the review is open and the step is still to do (or may be done again, like a new plan).</summary>
    public bool AllowedOn(PracticeReview review)
    {
        if (review.Status != ProcessStatus.Open)
        {
            return false;
        }

        var unpublished = review.PublishedOn is null;
        return Name switch
        {
            "reviewer-appointed" => review.ReviewerAppointedOn is null,
            "checkpoint-held" => unpublished && CheckpointsToHold(review).Count > 0,
            "recommendation-added" => true,
            "action-completed" => review.Actions.Any(a => a.CompletedOn is null),
            "publication-planned" => unpublished,
            "sent-to-panel-and-secretary-of-state" => review.SentOn is null,
            "published" => unpublished,
            "withdrawn" => !unpublished && review.WithdrawnOn is null,
            "delay-reason" => review.DelayReasonsNeeded.Count > 0,
            _ => false,
        };
    }

    /// <summary>The checkpoints not yet held (pending or missed), earliest first.</summary>
    public static IReadOnlyList<(int Number, Deadline Deadline)> CheckpointsToHold(PracticeReview review) =>
    [
        .. review.Deadlines
            .Where(d => PracticeReviewDeadlines.IsCheckpoint(d.Name) && d.State != DeadlineState.Waived)
            .Select(d => (Number: int.Parse(d.Name[PracticeReviewDeadlines.CheckpointPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), Deadline: d))
            .Where(c => review.CheckpointsHeld.All(h => h.Number != c.Number))
            .OrderBy(c => c.Number),
    ];

    public static string Link(PracticeReview review, string step) => $"/partnerships/{review.Key.PartnershipId}/practice-reviews/{review.Key.Id}/record/{step}";

    /// <summary>A deadline's name in words, as emails call it ("Sending the final report to the Panel and the Secretary of State").</summary>
    public static string Clock(PracticeReview review, string deadline) => PracticeReviewDeadlines.Label(deadline, review.FullReport);

    /// <summary>A history entry's type in words, with the Panel and the Secretary of State as the partnership says them.</summary>
    public static string HistoryType(string type) => type switch
    {
        "sent-to-panel-and-secretary-of-state" => "Sent to the Panel and the Secretary of State",
        "withdrawn" => "Taken down",
        _ => Show.Name(type),
    };

    /// <summary>A history entry's detail in words: dates as "4 February 2027", deadlines by what they mean, actions by number.</summary>
    public static string HistoryDetail(PracticeReview review, string type, string detail)
    {
        var words = DeadlineName().Replace(Show.Detail(detail), m => Clock(review, m.Value).ToLowerInvariant());

        // An action's entries carry its id alone ("1 due 2027-02-04"): say which action.
        return type is "recommendation-added" or "action-completed" or "action-assigned" or "action-reminded" or "action-chased" ? $"action {words}" : words;
    }

    [GeneratedRegex(@"\b(?:publication-period|pre-publication-sending|checkpoint:\d+|action:[a-z0-9-]+)\b|\bpublication(?=[:,]|$)")]
    private static partial Regex DeadlineName();
}
