using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/new</c> (and the older form's <c>/forms/escalations/{p}/new</c>, see
/// <see cref="PagesSetup"/>): staff raise an escalation with the command the API's
/// <c>PUT /api/partnerships/{p}/escalations/{id}</c> runs, then land on its page with a success banner
/// (Post/Redirect/Get). The id is made when the page is first shown and travels with the form, so sending it twice
/// raises one escalation.
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
        Form.Set("id", NewId(today));
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

        var request = new EscalationsApi.EscalationBody(raisedOn, Party("raisedBy"), Party("concerning"), Form.Optional("summary"), immediateRisk);
        var id = Form.Value("id").Length > 0 ? Form.Value("id") : NewId(LondonTime.LocalDate(clock.GetUtcNow()));
        var outcome = await DecideAsync(request, EscalationRequests.ReadRaise, r => escalations.RaiseAsync(p, id, r, RequestActor.Of(HttpContext)));
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect($"{EscalationStep.Page(outcome.ValueAs<Escalation>())}?done={EscalationStep.Raised.Name}");
        }

        if (outcome.IsNotFound)
        {
            return PageResults.NotFound(outcome.Detail ?? "There is nothing here.");
        }

        outcome.ShowOn(Form, Labels, request);
        return Invalid();
    }

    private EscalationsApi.PartyBody Party(string prefix) =>
        new(Form.Optional($"{prefix}-agency"), Form.Optional($"{prefix}-name"), Form.Optional($"{prefix}-email"));

    /// <summary>A new escalation's id (the URL's; people see its reference): the date and a random part.</summary>
    private static string NewId(DateOnly today) =>
        string.Create(CultureInfo.InvariantCulture, $"esc-{today:yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");

    /// <summary>The form's fields by API path.</summary>
    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["raisedOn"] = FieldLabel.Date("The date the disagreement was raised", "Enter the date the disagreement was raised"),
        ["raisedBy"] = new("Your details", "Enter your agency, name and email address", "raisedBy-agency"),
        ["raisedBy.agency"] = new("Your agency", "Enter your agency"),
        ["raisedBy.name"] = new("Your name", "Enter your full name"),
        ["raisedBy.email"] = new("Your email address", "Enter your email address"),
        ["concerning"] = new("The other practitioner’s details", "Enter the other practitioner’s agency, name and email address", "concerning-agency"),
        ["concerning.agency"] = new("Their agency", "Enter the agency of the practitioner you disagree with"),
        ["concerning.name"] = new("Their name", "Enter the name of the practitioner you disagree with"),
        ["concerning.email"] = new("Their email address", "Enter the email address of the practitioner you disagree with"),
        ["summary"] = new("The disagreement", "Enter what the disagreement is about"),
        ["immediateRisk"] = new("Immediate risk", "Select yes if a child is at immediate risk of harm"),
        ["id"] = new("Reference", "Start again from the dashboard", "raisedOn"),
    };
}
