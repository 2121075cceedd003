using System.Collections.Immutable;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>A required change as the running notice tracks it.</summary>
/// <param name="ChaseOn">The working days on which the change is chased if it is still unmet (see <see cref="EscalationSchedule.ChaseDates"/>).</param>
public sealed record NoticeRequirement(string Id, string Change, DateOnly DueOn, ImmutableList<DateOnly> ChaseOn, DateOnly? MetOn = null)
{
    public bool IsMet => MetOn is not null;

    public string DeadlineName => EscalationDeadlines.Requirement(Id);
}

/// <summary>
/// The formal notice served on the organisation after the last stage: what it must change and by when, the
/// consequences of not doing so, and when the partners will be prompted to decide on referral to the Secretary of State.
/// </summary>
/// <param name="IssuedBy">The partnership's name.</param>
/// <param name="Organisation">The organisation served: the agency the escalation is <c>concerning</c>.</param>
/// <param name="ReferralPromptOn">The first working day after the last requirement's due date.</param>
public sealed record FormalNotice(
    FormalNoticeRequest Request,
    DateOnly ServedOn,
    DateTimeOffset ServedAt,
    string IssuedBy,
    string Organisation,
    ImmutableList<NoticeRequirement> Requirements,
    string Consequences,
    DateOnly RespondBy,
    DateOnly ReferralPromptOn,
    DateOnly ReferralDecisionDueOn)
{
    public const string HtmlDocument = "formal-notice.html";
    public const string DocxDocument = "formal-notice.docx";

    public static readonly IReadOnlyList<string> DocumentNames = [HtmlDocument, DocxDocument];

    /// <summary>The relative link to the latest version of a notice document (the download endpoint of docs/design/api.md's Escalations).</summary>
    public static string DocumentLink(Processes.ProcessKey key, string name) =>
        $"/api/partnerships/{Uri.EscapeDataString(key.PartnershipId)}/escalations/{Uri.EscapeDataString(key.Id)}/documents/{name}";

    /// <summary>The same document from the page routes, for emails: staff sign in, the organisation served opens it with its signed link.</summary>
    public static string DocumentPage(Processes.ProcessKey key, string name) => DocumentLink(key, name)["/api".Length..];
}

/// <summary>How the escalation was resolved.</summary>
/// <param name="AtStage">The stage it was at; null when it was resolved after the formal notice.</param>
public sealed record Resolution(DateOnly On, string Outcome, int? AtStage, DateTimeOffset RecordedAt, string Actor);

/// <summary>A response recorded at a stage (or, with <see cref="Stage"/> null, to the formal notice).</summary>
public sealed record EscalationResponse(DateOnly On, int? Stage, string? Agency, string? Name, string? Note, DateTimeOffset RecordedAt, string Actor);

/// <summary>The partners' recorded decision on referral to the Secretary of State.</summary>
public sealed record ReferralDecisionRecord(DateOnly On, ReferralDecision Decision, string? Reason, DateTimeOffset RecordedAt, string Actor);

/// <summary>Where a running escalation is.</summary>
public enum EscalationPhase
{
    /// <summary>At one of the partnership's stages.</summary>
    AtStage,

    /// <summary>The last stage passed unresolved: the business manager has been prompted to serve a formal notice.</summary>
    FormalNoticeDue,

    /// <summary>A formal notice has been served; its requirements are being tracked.</summary>
    FormalNoticeServed,
}
