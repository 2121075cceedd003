using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.RapidReviews;

/// <summary>A step staff record on a rapid review's page, by its API name (<see cref="RapidReviewNames"/>).</summary>
/// <param name="Action">The link on the review page.</param>
/// <param name="Question">The date question on the step's form.</param>
/// <param name="Banner">The success banner on the review page after the step is recorded.</param>
public sealed partial record RapidReviewStep(string Name, string Action, string Question, string Banner)
{
    public static readonly IReadOnlyList<RapidReviewStep> All =
    [
        new("panel-notified", "Record that the Panel was notified", "When was the Child Safeguarding Practice Review Panel notified?", "Panel notification recorded"),
        new("partners-informed", "Record that the safeguarding partners were told", "When were the safeguarding partners told?", "Safeguarding partners told"),
        new("secretary-of-state-notified", "Record that the Secretary of State and Ofsted were notified", "When were the Secretary of State and Ofsted notified?", "Secretary of State and Ofsted notification recorded"),
        new("review-meeting-held", "Record the rapid review meeting", "When was the rapid review meeting held?", "Rapid review meeting recorded"),
        new("review-submitted", "Record that the rapid review was sent to the Panel", "When was the rapid review sent to the Panel?", "Rapid review sent to the Panel"),
        new("delay-reason", "Give a reason for a delay", "When was the reason given?", "Delay reason recorded"),
    ];

    public static RapidReviewStep? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    /// <summary>The decisions a rapid review sends to the Panel, by their API names.</summary>
    public static readonly IReadOnlyList<(string Value, string Text)> Decisions =
    [
        (RapidReviewNames.Of(RapidReviewDecision.Lcspr), "A local child safeguarding practice review"),
        (RapidReviewNames.Of(RapidReviewDecision.NationalReviewRecommended), "A national review is recommended to the Panel"),
        (RapidReviewNames.Of(RapidReviewDecision.NoFurtherReview), "No further review"),
    ];

    public static string DecisionText(RapidReviewDecision decision) =>
        Decisions.First(d => d.Value == RapidReviewNames.Of(decision)).Text;

    /// <summary>Whether this step can be recorded now: the review is open, the step is not recorded, and the case needs it.</summary>
    public bool AllowedOn(RapidReview review)
    {
        if (review.Status != ProcessStatus.Open)
        {
            return false;
        }

        var full = !review.Case.NotificationOnly;
        return Name switch
        {
            "panel-notified" => full && review.NotifiedOn is null,
            "partners-informed" => full && review.PartnersInformedOn is null,
            "secretary-of-state-notified" => review.Case.NotifiesSecretaryOfState && review.SecretaryOfStateNotifiedOn is null,
            "review-meeting-held" => full && review.ReviewMeetingOn is null,
            "review-submitted" => full && review.SubmittedOn is null,
            "delay-reason" => review.DelayReasonsNeeded.Count > 0,
            _ => false,
        };
    }

    public static string Link(RapidReview review, string step) => $"/partnerships/{review.Key.PartnershipId}/rapid-reviews/{review.Key.Id}/record/{step}";

    /// <summary>A deadline's name in words, as emails call it ("Notifying the Child Safeguarding Practice Review Panel").</summary>
    public static string Clock(string deadline) => RapidReviewDeadlines.Label(deadline);

    /// <summary>A history entry's detail in words: dates as "4 February 2027", decisions, outcomes and deadlines by what they mean.</summary>
    public static string HistoryDetail(string detail) => ApiName().Replace(Show.Detail(detail), m => Words.GetValueOrDefault(m.Value, m.Value));

    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["lcspr"] = Decisions[0].Text.ToLowerInvariant(),
        ["national-review-recommended"] = "a national review recommended",
        ["no-further-review"] = "no further review",
        ["seriously-harmed"] = "the child was seriously harmed",
        [RapidReviewDeadlines.PanelNotification] = "notifying the Panel",
        [RapidReviewDeadlines.PartnersInformed] = "telling the safeguarding partners",
        [RapidReviewDeadlines.SecretaryOfStateNotification] = "notifying the Secretary of State and Ofsted",
        [RapidReviewDeadlines.AgencySummaries] = "agency summaries",
        [RapidReviewDeadlines.RapidReview] = "sending the rapid review to the Panel",
    };

    [GeneratedRegex(@"\b(?:lcspr|[a-z]+(?:-[a-z]+)+)\b")]
    private static partial Regex ApiName();
}
