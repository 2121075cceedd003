using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;

namespace Safeguarding.Workflows.Host.Pages.Forms.Escalations;

/// <summary>A form about one escalation: the partnership and the escalation, or "Page not found".</summary>
public abstract class EscalationForm(PartnershipDirectory partnerships, EscalationCommands escalations)
    : ProcessForm<Escalation>(partnerships, escalations.GetAsync)
{
    public Escalation Escalation => Process;

    protected EscalationCommands Escalations => escalations;
}
