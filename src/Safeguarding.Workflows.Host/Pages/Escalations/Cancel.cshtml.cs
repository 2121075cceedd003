using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Pages.Forms;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/{id}/cancel</c>: withdrawing an escalation raised in error, through "check your
/// answers", with <see cref="EscalationCommands.CancelAsync"/>; then back to it with a success banner.
/// </summary>
public sealed class CancelModel(PartnershipDirectory partnerships, EscalationCommands escalations)
    : CancelForm<Escalation>(partnerships, escalations.GetAsync, escalations.CancelAsync, new("escalation", "withdraw", "withdrawn"))
{
    public Escalation Escalation => Process;

    public Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? reason) => AskAsync(p, id, reason);

    public Task<IActionResult> OnPostAsync(string p, string id) => CheckAsync(p, id);

    public Task<IActionResult> OnPostConfirmAsync(string p, string id) => ConfirmAsync(p, id);

    public string EscalationLink => EscalationStep.Page(Escalation);

    protected override string CancelledLink(string p, string id) => $"/partnerships/{p}/escalations/{id}?done={EscalationStep.Withdrawn.Name}";

    protected override string? NotCancellable(Escalation escalation) =>
        escalation.Status == ProcessStatus.Open ? null : $"Escalation {escalation.ShownReference} is no longer open.";
}
