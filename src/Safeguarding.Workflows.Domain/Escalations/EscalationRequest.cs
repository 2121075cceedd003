using System.Collections.Immutable;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>A practitioner on one side of a disagreement: staff, never a child or family member.</summary>
public sealed record Party(string Agency, string Name, string Email);

/// <summary>
/// What raising an escalation says (docs/design/api.md, <c>PUT .../escalations/{id}</c>). Kept in the process state so that a
/// repeated PUT can be recognised as the same request (200) or a different one (409).
/// </summary>
/// <param name="RaisedOn">The local date the concern was raised; stage 1's working days count from it.</param>
/// <param name="Summary">Free text about the disagreement. Stored and shown to signed-in users; never emailed.</param>
/// <param name="ImmediateRisk">A child is thought to be at immediate risk: every level is told at once.</param>
public sealed record EscalationRequest(DateOnly RaisedOn, Party RaisedBy, Party Concerning, string Summary, bool ImmediateRisk);

/// <summary>One change the formal notice requires of the organisation, due on <see cref="DueOn"/>.</summary>
public sealed record RequiredChange(string Id, string Change, DateOnly DueOn);

/// <summary>What serving a formal notice says (docs/design/api.md, <c>POST .../escalations/{id}/formal-notice</c>).</summary>
/// <param name="RespondBy">When the organisation must reply to the notice; the policy's default when not given.</param>
public sealed record FormalNoticeRequest(ImmutableList<RequiredChange> Requirements, string Consequences, DateOnly? RespondBy = null)
{
    /// <summary>Value equality, requirement by requirement (records compare lists by reference).</summary>
    public bool SameAs(FormalNoticeRequest other) =>
        Consequences == other.Consequences && RespondBy == other.RespondBy && Requirements.SequenceEqual(other.Requirements);
}

/// <summary>Who gave a response, when the caller says so.</summary>
public sealed record Responder(string? Agency, string? Name);

/// <summary>The partners' recorded decision on referral to the Secretary of State.</summary>
public enum ReferralDecision
{
    /// <summary>Refer the organisation's failure to comply to the Secretary of State.</summary>
    Refer,

    /// <summary>Do not refer.</summary>
    DoNotRefer,
}

/// <summary>
/// An event posted to <c>POST .../escalations/{id}/events</c>: <c>{type, on, ...}</c>. Which of the optional fields
/// matter depends on <see cref="Type"/> (see <see cref="EscalationEventTypes"/>).
/// </summary>
public sealed record EscalationEvent(
    string Type,
    DateOnly On,
    string? Outcome = null,
    int? Stage = null,
    string? RequirementId = null,
    ReferralDecision? Decision = null,
    string? Reason = null,
    Responder? By = null,
    string? Note = null);

/// <summary>The event types of docs/design/api.md.</summary>
public static class EscalationEventTypes
{
    public const string Responded = "responded";
    public const string Resolved = "resolved";
    public const string Escalated = "escalated";
    public const string RequirementMet = "requirement-met";
    public const string SecretaryOfStateReferral = "secretary-of-state-referral";

    public static readonly IReadOnlyList<string> All = [Responded, Resolved, Escalated, RequirementMet, SecretaryOfStateReferral];
}
