using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.RapidReviews;

/// <summary>
/// What opens a rapid review (the body of <c>PUT .../rapid-reviews/{id}</c>): a non-identifying case reference, the
/// date the local authority became aware of the serious incident, whether the child was looked after, whether the
/// child died or was seriously harmed, whether abuse or neglect is known or suspected, and the agencies asked for
/// summaries (each an <see cref="AgencyContact"/>). Kept in the state so that a repeated PUT can be told apart from a different one.
/// </summary>
/// <param name="Outcome">Null only in a case saved before the outcome was asked for (it can be recorded later).</param>
/// <param name="AbuseOrNeglectKnownOrSuspected">
/// False only for a looked-after child's death without known or suspected abuse or neglect: a notification-only case.
/// </param>
public sealed record RapidReviewCase(
    string CaseReference,
    DateOnly AwareOn,
    bool ChildLookedAfter,
    ImmutableList<AgencyContact> Agencies,
    IncidentOutcome? Outcome = null,
    bool AbuseOrNeglectKnownOrSuspected = true)
{
    /// <summary>
    /// Only the Secretary of State and Ofsted are notified: no Panel notification, no agency summaries, no rapid review
    /// (WT23 ch.5, a looked-after child's death whether or not abuse or neglect is known or suspected).
    /// </summary>
    [JsonIgnore]
    public bool NotificationOnly => !AbuseOrNeglectKnownOrSuspected;

    /// <summary>
    /// The Secretary of State and Ofsted are notified only when a looked-after child died. A case saved before the
    /// outcome was asked for keeps the notification it was opened with (every looked-after child had one).
    /// </summary>
    [JsonIgnore]
    public bool NotifiesSecretaryOfState => ChildLookedAfter && Outcome is null or IncidentOutcome.Died;

    /// <summary>Same reference, dates, answers and agencies (in the same order): a repeat of the same request.</summary>
    public bool SameAs(RapidReviewCase other) =>
        CaseReference == other.CaseReference
        && AwareOn == other.AwareOn
        && ChildLookedAfter == other.ChildLookedAfter
        && Outcome == other.Outcome
        && AbuseOrNeglectKnownOrSuspected == other.AbuseOrNeglectKnownOrSuspected
        && Agencies.SequenceEqual(other.Agencies);
}

/// <summary>What happened to the child in a serious incident.</summary>
public enum IncidentOutcome
{
    Died,
    SeriouslyHarmed,
}

/// <summary>The decision a rapid review records.</summary>
public enum RapidReviewDecision
{
    /// <summary>A local child safeguarding practice review.</summary>
    Lcspr,
    NationalReviewRecommended,
    NoFurtherReview,
}

public enum RapidReviewEventType
{
    PanelNotified,
    PartnersInformed,
    SecretaryOfStateNotified,
    AgencySummaryReceived,
    ReviewMeetingHeld,
    ReviewSubmitted,
    DelayReason,

    /// <summary>The child died or was seriously harmed, for a review saved before the referral asked.</summary>
    OutcomeRecorded,

    /// <summary>Another agency is asked for a summary after the review was opened.</summary>
    AgencyAdded,
}

/// <summary>Something that happened in a rapid review, on a London local date (the body of <c>POST .../events</c>).</summary>
/// <param name="Agency">For <see cref="RapidReviewEventType.AgencySummaryReceived"/>: the agency's name or its slug; for <see cref="RapidReviewEventType.AgencyAdded"/>, its name.</param>
/// <param name="Decision">For <see cref="RapidReviewEventType.ReviewSubmitted"/>.</param>
/// <param name="Reason">For <see cref="RapidReviewEventType.DelayReason"/>.</param>
/// <param name="Deadline">For <see cref="RapidReviewEventType.DelayReason"/>: the missed deadline it explains; every missed deadline without a reason when left out.</param>
/// <param name="Outcome">For <see cref="RapidReviewEventType.OutcomeRecorded"/>.</param>
/// <param name="Contact">For <see cref="RapidReviewEventType.AgencyAdded"/>: the person asked for the summary.</param>
public sealed record RapidReviewEvent(
    RapidReviewEventType Type,
    DateOnly On,
    string? Agency = null,
    RapidReviewDecision? Decision = null,
    string? Reason = null,
    string? Deadline = null,
    IncidentOutcome? Outcome = null,
    EmailRecipient? Contact = null);

/// <summary>The stable kebab-case names of docs/design/api.md.</summary>
public static class RapidReviewNames
{
    public static readonly IReadOnlyDictionary<string, RapidReviewEventType> EventTypes = new Dictionary<string, RapidReviewEventType>(StringComparer.Ordinal)
    {
        ["panel-notified"] = RapidReviewEventType.PanelNotified,
        ["partners-informed"] = RapidReviewEventType.PartnersInformed,
        ["secretary-of-state-notified"] = RapidReviewEventType.SecretaryOfStateNotified,
        ["agency-summary-received"] = RapidReviewEventType.AgencySummaryReceived,
        ["review-meeting-held"] = RapidReviewEventType.ReviewMeetingHeld,
        ["review-submitted"] = RapidReviewEventType.ReviewSubmitted,
        ["delay-reason"] = RapidReviewEventType.DelayReason,
        ["outcome-recorded"] = RapidReviewEventType.OutcomeRecorded,
        ["agency-added"] = RapidReviewEventType.AgencyAdded,
    };

    public static readonly IReadOnlyDictionary<string, RapidReviewDecision> Decisions = new Dictionary<string, RapidReviewDecision>(StringComparer.Ordinal)
    {
        ["lcspr"] = RapidReviewDecision.Lcspr,
        ["national-review-recommended"] = RapidReviewDecision.NationalReviewRecommended,
        ["no-further-review"] = RapidReviewDecision.NoFurtherReview,
    };

    public static readonly IReadOnlyDictionary<string, IncidentOutcome> Outcomes = new Dictionary<string, IncidentOutcome>(StringComparer.Ordinal)
    {
        ["died"] = IncidentOutcome.Died,
        ["seriously-harmed"] = IncidentOutcome.SeriouslyHarmed,
    };

    public static string Of(RapidReviewEventType type) => EventTypes.First(p => p.Value == type).Key;

    public static string Of(RapidReviewDecision decision) => Decisions.First(p => p.Value == decision).Key;

    public static string Of(IncidentOutcome outcome) => Outcomes.First(p => p.Value == outcome).Key;
}

/// <summary>The deadline names of docs/design/api.md.</summary>
public static class RapidReviewDeadlines
{
    public const string PanelNotification = "panel-notification";
    public const string PartnersInformed = "partners-informed";
    public const string SecretaryOfStateNotification = "secretary-of-state-notification";
    public const string AgencySummaries = "agency-summaries";
    public const string RapidReview = "rapid-review";

    /// <summary>What each deadline is called in an email.</summary>
    public static string Label(string name) => name switch
    {
        PanelNotification => "Notifying the Child Safeguarding Practice Review Panel",
        PartnersInformed => "Telling the safeguarding partners",
        SecretaryOfStateNotification => "Notifying the Secretary of State and Ofsted",
        AgencySummaries => "Agency summaries",
        RapidReview => "Sending the rapid review to the Panel",
        _ => name,
    };
}
