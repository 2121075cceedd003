using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// An action staff take on an escalation's page. Each is offered only when the domain's own check for it passes
/// (<see cref="Escalation.CanRespond"/>, <see cref="Escalation.CanEscalate"/>, <see cref="Escalation.CanResolve"/>,
/// <see cref="Escalation.CanServeFormalNotice"/>, <see cref="Escalation.CanMeetRequirement"/>,
/// <see cref="Escalation.CanDecideReferral"/>), the check the command itself makes: never offered, then refused. (So
/// the referral decision is offered once the partners have been asked for it.)
/// </summary>
/// <param name="Banner">The success banner on the escalation's page after the action.</param>
public sealed record EscalationStep(string Name, string Action, string Banner)
{
    public const string Respond = "respond";
    public const string Escalate = "escalate";
    public const string Resolve = "resolve";
    public const string FormalNotice = "formal-notice";
    public const string RequirementMet = "requirement-met";
    public const string Referral = "referral";

    public static readonly IReadOnlyList<EscalationStep> All =
    [
        new(Respond, "Record a response", "Response recorded"),
        new(Escalate, "Escalate to the next stage", "Escalated to the next stage"),
        new(Resolve, "Record that it is resolved", "Escalation resolved. Everyone involved has been told"),
        new(FormalNotice, "Serve a formal notice", "Formal notice served. The organisation and the partnership have been sent it"),
        new(RequirementMet, "Record that a required change was made", "Required change recorded as made"),
        new(Referral, "Record the partners’ decision on referral to the Secretary of State", "Referral decision recorded. The escalation is closed"),
    ];

    /// <summary>Raising is not an action on the page, but it has a banner.</summary>
    public static readonly EscalationStep Raised = new("raised", "Raise an escalation", "Escalation raised. The people at the first stage have been told");

    /// <summary>Withdrawing is not a step of the protocol either (<see cref="CancelModel"/>), but it has a banner.</summary>
    public static readonly EscalationStep Withdrawn = new("withdrawn", "Withdraw the escalation", "Escalation withdrawn. It is recorded as cancelled");

    public static EscalationStep? Find(string? name) => name == Raised.Name ? Raised : name == Withdrawn.Name ? Withdrawn : All.FirstOrDefault(s => s.Name == name);

    public bool AllowedOn(Escalation escalation) => !(Name switch
    {
        Respond => escalation.CanRespond(),
        Escalate => escalation.CanEscalate(),
        Resolve => escalation.CanResolve(),
        FormalNotice => escalation.CanServeFormalNotice(),
        RequirementMet => escalation.CanMeetRequirement(),
        Referral => escalation.CanDecideReferral(),
        _ => Decision<Escalation>.NotFound("No such action."),
    }).IsRefusal;

    public static string Page(Escalation escalation) =>
        $"/partnerships/{Uri.EscapeDataString(escalation.Key.PartnershipId)}/escalations/{Uri.EscapeDataString(escalation.Key.Id)}";

    public string Link(Escalation escalation) => Name == FormalNotice ? $"{Page(escalation)}/formal-notice" : $"{Page(escalation)}/record/{Name}";
}

/// <summary>One stage of the ladder as the escalation's page shows it.</summary>
/// <param name="OpenedOn">When the concern reached the stage; null while it has not.</param>
/// <param name="Planned">The due date is the plan if nothing changes (a stage not reached yet).</param>
public sealed record LadderRow(int Number, string Name, string Who, string People, DateOnly? OpenedOn, DateOnly DueOn, bool Planned, string Outcome, bool Current);

/// <summary>What the escalation's page and list say about where an escalation stands, in the partnership's words.</summary>
public static class EscalationWords
{
    public static IReadOnlyList<LadderRow> Ladder(Escalation e) => [.. e.Stages.Select(s =>
    {
        var reached = s.Number <= e.CurrentStage;
        var current = e.Status == ProcessStatus.Open && e.Phase == EscalationPhase.AtStage && s.Number == e.CurrentStage;
        var responses = e.Responses.Where(r => r.Stage == s.Number).Select(r => $"response from {r.Name ?? r.Agency ?? "someone"}{(r.Name is not null && r.Agency is not null ? $" ({r.Agency})" : "")} on {Show.Date(r.On)}").ToList();
        var outcome = (e.Resolution is { AtStage: { } at } resolved && at == s.Number) ? $"Resolved on {Show.Date(resolved.On)}"
            : s.Number < e.CurrentStage ? $"Escalated on {Show.Date(e.Stages[s.Number].StartsOn)}"
            : current ? "In progress"
            : reached && e.Phase != EscalationPhase.AtStage ? "Not resolved: led to a formal notice"
            : reached && e.Status == ProcessStatus.Cancelled ? "Cancelled"
            : reached ? "Closed"
            : "Not reached";
        if (responses.Count > 0)
        {
            outcome += "; " + string.Join("; ", responses);
        }

        return new LadderRow(s.Number, s.Name, s.Who, string.Join(", ", s.People.Select(p => p.Name)), reached ? s.StartsOn : null, s.DueOn, !reached, outcome, current);
    })];

    /// <summary>The formal notice's state: not allowed yet, may be served, or served.</summary>
    public static string NoticeState(Escalation e) =>
        e.Notice is { } notice ? $"Served on {Show.Date(notice.ServedOn)}"
        : !e.CanServeFormalNotice().IsRefusal
            ? e.Phase == EscalationPhase.FormalNoticeDue
                ? $"May be served now: due by {Show.Date(e.FormalNoticeDue.DueOn)}"
                : $"May be served now ({e.Stage.Label} is the last stage)"
        : e.Status != ProcessStatus.Open ? "Not served"
        : $"Not allowed yet: the partnership’s protocol allows a formal notice from {e.Stages[^1].Label}";

    /// <summary>The partners' decision on referral, as the form offers it and the pages show it.</summary>
    public static string Referral(ReferralDecision decision, string organisation) =>
        decision == ReferralDecision.Refer ? $"Refer {organisation} to the Secretary of State" : $"Do not refer {organisation}";

    /// <summary>Where it stands, for the list: the stage, or the formal notice, or how it ended.</summary>
    public static string Where(Escalation e) => e switch
    {
        { Resolution: { AtStage: { } at } r } => $"Resolved at stage {at}",
        { Resolution: not null } => "Resolved after the formal notice",
        { Phase: EscalationPhase.FormalNoticeServed } => "Formal notice served",
        { Phase: EscalationPhase.FormalNoticeDue } => "Formal notice due",
        _ => $"Stage {e.CurrentStage} ({e.Stage.Name})",
    };

    /// <summary>The date that matters next: the stage's, the notice's, or the organisation's reply to it.</summary>
    public static DateOnly? Due(Escalation e) => e.Status != ProcessStatus.Open ? null : e.Phase switch
    {
        EscalationPhase.AtStage => e.Stage.DueOn,
        EscalationPhase.FormalNoticeDue => e.FormalNoticeDue.DueOn,
        _ => e.Notice?.Requirements.Where(r => !r.IsMet).Select(r => (DateOnly?)r.DueOn).Min() ?? e.Notice?.RespondBy,
    };

    /// <summary>The disagreement in a line: its first line, cut short (the full text is on the escalation's page).</summary>
    public static string Subject(Escalation e)
    {
        var line = e.Request.Summary.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..77].TrimEnd() + "…";
    }
}
