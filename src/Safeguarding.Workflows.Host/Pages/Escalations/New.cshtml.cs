using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Forms.Escalations;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/new</c>: staff raise an escalation with the questions of the raise form and the
/// command the API's <c>PUT</c> runs, then land on its page with a success banner (Post/Redirect/Get). The id is made
/// when the page is first shown and travels with the form, so sending it twice raises one escalation.
/// </summary>
public sealed class NewModel(PartnershipDirectory partnerships, EscalationCommands escalations, WorkflowClock clock) : FormPage
{
    public IActionResult OnGet(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var today = LondonTime.LocalDate(clock.GetUtcNow());
        Form.Set("id", RaiseModel.NewId(today));
        Form.SetDate("raisedOn", today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        ReadForm();
        var raisedOn = Form.Date("raisedOn", "The date the disagreement was raised");
        var immediateRisk = Form.Value("immediateRisk") switch { "yes" => true, "no" => (bool?)false, _ => null };
        if (immediateRisk is null)
        {
            Form.Fail("immediateRisk", "Select yes if a child is at immediate risk of harm");
        }

        if (Form.HasErrors)
        {
            return Invalid();
        }

        var request = new EscalationsApi.EscalationBody(raisedOn, RaiseModel.PartyFrom(Form, "raisedBy"), RaiseModel.PartyFrom(Form, "concerning"), Form.Optional("summary"), immediateRisk);
        var id = Form.Value("id").Length > 0 ? Form.Value("id") : RaiseModel.NewId(LondonTime.LocalDate(clock.GetUtcNow()));
        var outcome = await DecideAsync(request, EscalationRequests.ReadRaise, r => escalations.RaiseAsync(p, id, r, RequestActor.Of(HttpContext)));
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect($"{EscalationStep.Page(outcome.ValueAs<Escalation>())}?done={EscalationStep.Raised.Name}");
        }

        if (outcome.IsNotFound)
        {
            return PageResults.NotFound(outcome.Detail ?? "There is nothing here.");
        }

        outcome.ShowOn(Form, RaiseModel.Labels, request);
        return Invalid();
    }
}
