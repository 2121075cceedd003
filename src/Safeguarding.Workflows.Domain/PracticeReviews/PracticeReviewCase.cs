using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.PracticeReviews;

/// <summary>
/// What opens a local child safeguarding practice review (the body of <c>PUT .../practice-reviews/{id}</c>): the case
/// reference, the date the partners decided to commission it (the clock start) and, when a rapid review led to it, that
/// review's id.
/// </summary>
public sealed record PracticeReviewCase(string CaseReference, DateOnly DecidedOn, string? RapidReviewId);

/// <summary>A recommendation of the review, tracked as an action.</summary>
public sealed record Recommendation(string Id, string Title, AgencyContact Owner, DateOnly DueOn);

/// <summary>A recommendation being carried out: reminded before it is due and chased when overdue.</summary>
public sealed record TrackedAction(string Id, string Title, AgencyContact Owner, DateOnly DueOn, DateOnly AddedOn, DateTimeOffset AddedAt, DateOnly? CompletedOn = null)
{
    public bool Matches(Recommendation r) => r.Id == Id && r.Title == Title && r.Owner == Owner && r.DueOn == DueOn;
}

/// <summary>When the partners plan to publish, and whether the full report or information about the improvements instead.</summary>
/// <param name="On">The day the plan was made.</param>
public sealed record PublicationPlan(DateOnly On, DateOnly PlannedOn, bool FullReport);

public sealed record CheckpointHeld(int Number, DateOnly On);

public enum PracticeReviewEventType
{
    ReviewerAppointed,
    CheckpointHeld,
    PublicationPlanned,
    SentToPanelAndSecretaryOfState,
    Published,
    Withdrawn,
    RecommendationAdded,
    ActionCompleted,
    DelayReason,
}

/// <summary>Something that happened in a practice review, on a London local date (the body of <c>POST .../events</c>).</summary>
/// <param name="Checkpoint">For <see cref="PracticeReviewEventType.CheckpointHeld"/>: which checkpoint; the earliest not yet held when left out.</param>
/// <param name="PlannedOn">For <see cref="PracticeReviewEventType.PublicationPlanned"/>.</param>
/// <param name="FullReport">For <see cref="PracticeReviewEventType.PublicationPlanned"/>: false when the partners publish information about the improvements instead of the full report.</param>
/// <param name="Url">For <see cref="PracticeReviewEventType.Published"/>.</param>
/// <param name="Recommendation">For <see cref="PracticeReviewEventType.RecommendationAdded"/>.</param>
/// <param name="ActionId">For <see cref="PracticeReviewEventType.ActionCompleted"/>.</param>
/// <param name="Reason">For <see cref="PracticeReviewEventType.DelayReason"/>.</param>
/// <param name="Deadline">For <see cref="PracticeReviewEventType.DelayReason"/>: the missed deadline it explains; every one waiting when left out.</param>
public sealed record PracticeReviewEvent(
    PracticeReviewEventType Type,
    DateOnly On,
    int? Checkpoint = null,
    DateOnly? PlannedOn = null,
    bool? FullReport = null,
    string? Url = null,
    Recommendation? Recommendation = null,
    string? ActionId = null,
    string? Reason = null,
    string? Deadline = null);

/// <summary>The stable kebab-case names of docs/design/api.md (plus <c>action-completed</c>).</summary>
public static class PracticeReviewNames
{
    public static readonly IReadOnlyDictionary<string, PracticeReviewEventType> EventTypes = new Dictionary<string, PracticeReviewEventType>(StringComparer.Ordinal)
    {
        ["reviewer-appointed"] = PracticeReviewEventType.ReviewerAppointed,
        ["checkpoint-held"] = PracticeReviewEventType.CheckpointHeld,
        ["publication-planned"] = PracticeReviewEventType.PublicationPlanned,
        ["sent-to-panel-and-secretary-of-state"] = PracticeReviewEventType.SentToPanelAndSecretaryOfState,
        ["published"] = PracticeReviewEventType.Published,
        ["withdrawn"] = PracticeReviewEventType.Withdrawn,
        ["recommendation-added"] = PracticeReviewEventType.RecommendationAdded,
        ["action-completed"] = PracticeReviewEventType.ActionCompleted,
        ["delay-reason"] = PracticeReviewEventType.DelayReason,
    };

    public static string Of(PracticeReviewEventType type) => EventTypes.First(p => p.Value == type).Key;
}

/// <summary>The deadline names of docs/design/api.md.</summary>
public static class PracticeReviewDeadlines
{
    public const string Publication = "publication";
    public const string PrePublicationSending = "pre-publication-sending";
    public const string PublicationPeriod = "publication-period";
    public const string CheckpointPrefix = "checkpoint:";
    public const string ActionPrefix = "action:";

    public static string Checkpoint(int n) => $"{CheckpointPrefix}{n}";

    public static string Action(string id) => $"{ActionPrefix}{id}";

    public static bool IsCheckpoint(string name) => name.StartsWith(CheckpointPrefix, StringComparison.Ordinal);

    public static bool IsAction(string name) => name.StartsWith(ActionPrefix, StringComparison.Ordinal);

    /// <summary>What each deadline is called in an email.</summary>
    public static string Label(string name, bool fullReport) => name switch
    {
        Publication => fullReport ? "Publishing the report" : "Publishing information about the improvements",
        PrePublicationSending => "Sending the final report to the Panel and the Secretary of State",
        PublicationPeriod => fullReport ? "Keeping the report published for a year" : "Keeping the improvement information published for a year",
        _ when IsCheckpoint(name) => $"Monitoring checkpoint {name[CheckpointPrefix.Length..]}",
        _ when IsAction(name) => $"Action {name[ActionPrefix.Length..]}",
        _ => name,
    };
}
