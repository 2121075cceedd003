using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Forms.Escalations;

/// <summary>
/// <c>/forms/escalations/{p}/{id}/respond</c>: record a response to an escalation, or that it is resolved, with the
/// command the API's <c>POST .../escalations/{id}/events</c> runs (types <c>responded</c> and <c>resolved</c>).
/// </summary>
public sealed class RespondModel(PartnershipDirectory partnerships, EscalationCommands escalations, WorkflowClock clock) : EscalationForm(partnerships, escalations)
{
    public async Task<IActionResult> OnGetAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", LondonTime.LocalDate(clock.GetUtcNow()));
        Form.Set("by-agency", Escalation.Request.Concerning.Agency);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var on = Form.Date("on", "The date");
        var type = Form.Value("type");
        if (type is not ("responded" or "resolved"))
        {
            Form.Fail("type", "Select whether you are recording a response or that the disagreement is resolved");
        }

        if (Form.HasErrors)
        {
            return Invalid();
        }

        var resolved = type == "resolved";
        var request = new EscalationsApi.EventBody(
            type, on,
            Outcome: resolved ? Form.Optional("details") : null,
            Stage: null, RequirementId: null, Decision: null, Reason: null,
            By: new EscalationsApi.ResponderBody(Form.Optional("by-agency"), Form.Optional("by-name")),
            Note: resolved ? null : Form.Optional("details"));
        var outcome = await DecideAsync(request, EscalationRequests.ReadEvent, e => Escalations.HandleAsync(p, id, e, RequestActor.Of(HttpContext)));
        return Answer(outcome, Labels, () =>
        {
            var escalation = outcome.ValueAs<Escalation>();
            return new Confirmation(
                resolved ? "Escalation resolved" : "Response recorded",
                escalation.ShownReference,
                [resolved
                    ? "The escalation is closed and everyone involved has been told."
                    : $"The escalation stays open at stage {escalation.CurrentStage} until it is recorded as resolved."],
                $"/partnerships/{p}/escalations/{escalation.Key.Id}",
                "See the escalation");
        }, request);
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["type"] = new("What you are recording", "Select whether you are recording a response or that the disagreement is resolved"),
        ["on"] = FieldLabel.Date("The date", "Enter the date"),
        ["outcome"] = new("How it was resolved", "Enter how the disagreement was resolved", "details"),
        ["note"] = new("The response", "Enter the response", "details"),
        ["by.agency"] = new("Your agency", "Enter your agency", "by-agency"),
        ["by.name"] = new("Your name", "Enter your name", "by-name"),
    };
}
