using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/{id}/record/{step}</c>: a response, a move to the next stage, the resolution, a
/// required change of the formal notice made, or the partners' decision on referral to the Secretary of State, read as
/// the API's <c>POST .../events</c> body and recorded with the same command; then back to the escalation with a
/// success banner. Resolving and the referral decision close the escalation, so they are shown back for checking
/// first. Only a step the escalation allows now is offered; any other is "Page not found".
/// </summary>
public sealed class RecordModel(PartnershipDirectory partnerships, EscalationCommands escalations, WorkflowClock clock)
    : ProcessForm<Escalation>(partnerships, escalations.GetAsync)
{
    public Escalation Escalation => Process;

    public EscalationStep Step { get; private set; } = null!;

    /// <summary>Showing the answers to check (resolving, the referral decision), rather than the questions.</summary>
    public bool Checking { get; private set; }

    /// <summary>The resolution's (or the decision's) date, on the check page.</summary>
    public DateOnly CheckedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", LondonTime.LocalDate(clock.GetUtcNow()));
        return Page();
    }

    /// <summary>The answers: a response, an escalation or a change made is recorded now; a resolution or a referral decision is checked first.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var body = EventBody();
        if (Step.Name is EscalationStep.Resolve or EscalationStep.Referral)
        {
            // Read with the API's reader only (nothing recorded) so that a missing outcome is said before the check.
            var read = await DecideAsync(body, EscalationRequests.ReadEvent, _ => Task.FromResult(new Reply<Escalation>(DecisionOutcome.Unchanged, Escalation)));
            if (Form.HasErrors || !read.Succeeded)
            {
                read.ShowOn(Form, Labels, body);
                return Invalid();
            }

            Checking = true;
            CheckedOn = DateOnly.ParseExact(body.On!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Page();
        }

        return await RecordAsync(p, id, body);
    }

    /// <summary>Confirmed on the check page: resolve, or record the referral decision.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id, step) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        return await RecordAsync(p, id, EventBody());
    }

    public string EscalationLink => EscalationStep.Page(Escalation);

    /// <summary>The formal notice's changes not yet made, to choose from.</summary>
    public IReadOnlyList<NoticeRequirement> Unmet => Escalation.Notice?.Requirements.Where(r => !r.IsMet).ToList() ?? [];

    private Task<IActionResult> RecordAsync(string p, string id, EscalationsApi.EventBody body) =>
        DecideThenRedirectAsync(body, EscalationRequests.ReadEvent, e => escalations.HandleAsync(p, id, e, RequestActor.Of(HttpContext)), $"{EscalationLink}?done={Step.Name}", Labels);

    private EscalationsApi.EventBody EventBody()
    {
        var on = Form.Date("on", "The date");
        return Step.Name switch
        {
            EscalationStep.Respond => new("responded", on, null, null, null, null, null,
                new EscalationsApi.ResponderBody(Form.Optional("by-agency"), Form.Optional("by-name")), Form.Optional("note")),
            EscalationStep.Escalate => new("escalated", on, null, Escalation.CurrentStage + 1, null, null, null, null, null),
            EscalationStep.RequirementMet => new(EscalationEventTypes.RequirementMet, on, null, null, Form.Optional("requirementId"), null, null, null, null),
            EscalationStep.Referral => new(EscalationEventTypes.SecretaryOfStateReferral, on, null, null, null, Form.Optional("decision"), Form.Optional("reason"), null, null),
            _ => new("resolved", on, Form.Optional("outcome"), null, null, null, null, null, null),
        };
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date", "Enter the date"),
        ["outcome"] = new("How it was resolved", "Enter how the disagreement was resolved"),
        ["note"] = new("The response", "Enter the response"),
        ["by.agency"] = new("Their agency", "Enter the agency", "by-agency"),
        ["by.name"] = new("Their name", "Enter the name", "by-name"),
        ["stage"] = new("The stage", "Escalate to the next stage", "on"),
        ["type"] = new("The step", "Choose a step to record", "on"),
        ["requirementId"] = new("The change", "Select the change that was made"),
        ["decision"] = new("The decision", "Select whether the partners decided to refer"),
        ["reason"] = new("The reasons", "Enter the reasons"),
    };

    private async Task<IActionResult?> FindAsync(string p, string id, string step)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        if (EscalationStep.Find(step) is not { Name: EscalationStep.Respond or EscalationStep.Escalate or EscalationStep.Resolve or EscalationStep.RequirementMet or EscalationStep.Referral } known
            || !known.AllowedOn(Escalation))
        {
            return PageResults.NotFound($"Escalation {Escalation.ShownReference} has nothing to record as '{step}' now.");
        }

        Step = known;
        return null;
    }
}
