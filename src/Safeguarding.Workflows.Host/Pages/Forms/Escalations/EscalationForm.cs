using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.Escalations;

/// <summary>A form about one escalation: finds the partnership and the escalation (with the command the API's GET runs) or answers "Page not found".</summary>
public abstract class EscalationForm(PartnershipDirectory partnerships, EscalationCommands escalations) : FormPage
{
    public Escalation Escalation { get; private set; } = null!;

    protected EscalationCommands Escalations => escalations;

    /// <summary>Finds the partnership and the escalation; the "Page not found" result when either is missing.</summary>
    protected async Task<IActionResult?> FindAsync(string p, string id)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = await escalations.GetAsync(p, id);
        if (found.Process is not { } escalation)
        {
            return PageResults.NotFound(found.Message ?? "There is no such escalation.");
        }

        Partnership = partnership;
        Escalation = escalation;
        return null;
    }
}
