using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/{id}</c>: one escalation (it takes precedence over the generic process page): the
/// disagreement, the stage ladder, the formal notice, the actions allowed now and the history with names.
/// </summary>
public sealed class EscalationModel(PartnershipDirectory partnerships, EscalationCommands escalations, AuditLog auditLog) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public Escalation Escalation { get; private set; } = null!;

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    /// <summary>The action just taken (Post/Redirect/Get), for the success banner.</summary>
    public EscalationStep? Done { get; private set; }

    /// <summary>The actions the signed-in person may take now.</summary>
    public IReadOnlyList<EscalationStep> Actions { get; private set; } = [];

    /// <summary>Whether the signed-in person may withdraw the escalation now.</summary>
    public bool CanCancel { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, [FromQuery] string? done, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        if ((await escalations.GetAsync(p, id)).Process is not { } escalation)
        {
            return PageResults.NotFound($"There is no escalation '{id}' in {partnership.Name}.");
        }

        Partnership = partnership;
        Escalation = escalation;
        Done = EscalationStep.Find(done);
        Actions = Grant.Allows(User, p, Permission.Write) ? [.. EscalationStep.All.Where(s => s.AllowedOn(escalation))] : [];
        CanCancel = Grant.Allows(User, p, Permission.Write) && escalation.Status == ProcessStatus.Open;
        History = await auditLog.ReadAsync(escalation.Key, cancellationToken);
        return Page();
    }

    public string DocumentLink(string name) => $"{EscalationStep.Page(Escalation)}/documents/{name}";
}
