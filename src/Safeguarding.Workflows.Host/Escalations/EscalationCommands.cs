using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.Escalations;

namespace Safeguarding.Workflows.Host.Escalations;

/// <summary>
/// What people can do to an escalation under the dispute resolution protocol: raise it, read it, record what happened
/// and serve the formal notice. The JSON endpoints and the pages both call these (never each other); the pure rules
/// are in <see cref="Escalation"/>.
/// </summary>
public sealed class EscalationCommands(IGrainFactory grains)
{
    /// <summary>
    /// Escalation ids keep the variant of <see cref="UrlIdRule"/> they were raised under: letters of either case, digits
    /// and hyphens, with no digit required.
    /// </summary>
    public static readonly UrlIdRule IdRule = UrlIdRule.Reference(64);

    /// <summary>Null when <paramref name="id"/> follows <see cref="IdRule"/>.</summary>
    public static string? IdProblem(string id) => IdRule.Problem(id);

    /// <summary>Raises the escalation; the same request again returns it unchanged, a different one is a conflict.</summary>
    public Task<Reply<Escalation>> RaiseAsync(string partnershipId, string id, EscalationRequest request, string actor) =>
        IdProblem(id) is { } problem
            ? Task.FromResult(new Reply<Escalation>(DecisionOutcome.Invalid, null, "id", problem))
            : Grain(partnershipId, id).RaiseAsync(request, actor);

    public async Task<Reply<Escalation>> GetAsync(string partnershipId, string id) =>
        IdProblem(id) is null && await Grain(partnershipId, id).GetAsync() is { } escalation
            ? new(DecisionOutcome.Unchanged, escalation)
            : NoSuchEscalation(partnershipId, id);

    /// <summary>Records what happened: a response, the resolution, a manual escalation, a requirement met, the referral decision.</summary>
    public async Task<Reply<Escalation>> HandleAsync(string partnershipId, string id, EscalationEvent e, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).HandleAsync(e, actor) : NoSuchEscalation(partnershipId, id);

    /// <summary>Serves the formal notice on the organisation (its documents are stored first, then it is recorded).</summary>
    public async Task<Reply<Escalation>> ServeFormalNoticeAsync(string partnershipId, string id, FormalNoticeRequest request, string actor) =>
        IdProblem(id) is null ? await Grain(partnershipId, id).ServeFormalNoticeAsync(request, actor) : NoSuchEscalation(partnershipId, id);

    /// <summary>Withdraws the escalation (<see cref="Processes.CancelCommand"/>): its stages stop and nobody is chased.</summary>
    public Task<Reply<Escalation>> CancelAsync(string partnershipId, string id, string? reason, string actor) =>
        IdProblem(id) is null
            ? Processes.CancelCommand.RunAsync(() => GetAsync(partnershipId, id), Grain(partnershipId, id), "escalation", reason, actor)
            : Task.FromResult(NoSuchEscalation(partnershipId, id));

    private static Reply<Escalation> NoSuchEscalation(string partnershipId, string id) =>
        Reply<Escalation>.NotFound($"There is no escalation '{id}' in partnership '{partnershipId}'.");

    private IEscalationGrain Grain(string partnershipId, string id) =>
        grains.GetGrain<IEscalationGrain>(new ProcessKey(partnershipId, ProcessKinds.Escalation, id).ToString());
}
