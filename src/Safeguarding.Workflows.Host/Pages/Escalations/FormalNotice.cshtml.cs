using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using NoticeForm = Safeguarding.Workflows.Host.Pages.Forms.Escalations.FormalNoticeModel;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary>
/// <c>/partnerships/{p}/escalations/{id}/formal-notice</c>: the required changes, their due dates and the consequences,
/// then "check your answers" (serving cannot be undone: the notice is emailed to the organisation), then the command
/// the API's <c>POST .../formal-notice</c> runs and back to the escalation with a banner. The page exists only while
/// <see cref="Escalation.CanServeFormalNotice"/> allows a notice; otherwise it is "Page not found".
/// </summary>
public sealed class FormalNoticeModel(PartnershipDirectory partnerships, EscalationCommands escalations)
    : ProcessForm<Escalation>(partnerships, escalations.GetAsync)
{
    public const int RequirementRows = NoticeForm.RequirementRows;

    public Escalation Escalation => Process;

    /// <summary>Showing the answers to check, rather than the questions.</summary>
    public bool Checking { get; private set; }

    /// <summary>The notice as read from the form, on the check page.</summary>
    public FormalNoticeRequest? Checked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string id) => await FindServableAsync(p, id) ?? Page();

    /// <summary>The answers: read with the API's reader (nothing served yet), then shown back for checking.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindServableAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var (body, rows) = NoticeBody();
        if (Form.HasErrors)
        {
            return Invalid();
        }

        FormalNoticeRequest? read = null;
        var outcome = await DecideAsync(body, EscalationRequests.ReadFormalNotice, r =>
        {
            read = r;
            return Task.FromResult(new Reply<Escalation>(DecisionOutcome.Unchanged, Escalation));
        });
        if (!outcome.Succeeded || read is null)
        {
            outcome.ShowOn(Form, Labels(rows), body);
            return Invalid();
        }

        Checking = true;
        Checked = read;
        return Page();
    }

    /// <summary>Confirmed on the check page: serve the notice.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string id)
    {
        if (await FindServableAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var (body, rows) = NoticeBody();
        if (Form.HasErrors)
        {
            return Invalid();
        }

        return await DecideThenRedirectAsync(
            body, EscalationRequests.ReadFormalNotice, r => escalations.ServeFormalNoticeAsync(p, id, r, RequestActor.Of(HttpContext)), $"{EscalationLink}?done={EscalationStep.FormalNotice}", Labels(rows));
    }

    public string EscalationLink => EscalationStep.Page(Escalation);

    /// <summary>Every field of the form, to carry from the check page to the confirmation.</summary>
    public static IEnumerable<string> Fields =>
        Enumerable.Range(0, RequirementRows).SelectMany(i => new[] { "change", "dueOn-day", "dueOn-month", "dueOn-year" }.Select(f => NoticeForm.RowId(i, f)))
            .Concat(["consequences", "respondBy-day", "respondBy-month", "respondBy-year"]);

    private (EscalationsApi.FormalNoticeBody Body, List<int> Rows) NoticeBody()
    {
        var rows = Enumerable.Range(0, RequirementRows)
            .Where(i => new[] { "change", "dueOn-day", "dueOn-month", "dueOn-year" }.Any(f => Form.Value(NoticeForm.RowId(i, f)).Length > 0))
            .ToList();
        var requirements = rows.Select(i => (EscalationsApi.RequirementBody?)new EscalationsApi.RequirementBody(
            NoticeForm.RequirementId(i), Form.Optional(NoticeForm.RowId(i, "change")), Form.Date(NoticeForm.RowId(i, "dueOn"), $"The due date of change {i + 1}"))).ToList();
        var respondBy = Form.Date("respondBy", "The date to respond by");
        return (new EscalationsApi.FormalNoticeBody(requirements, Form.Optional("consequences"), respondBy), rows);
    }

    private static Dictionary<string, FieldLabel> Labels(List<int> rows)
    {
        var labels = new Dictionary<string, FieldLabel>
        {
            ["requirements"] = new("The required changes", "Enter at least one required change", NoticeForm.RowId(0, "change")),
            ["consequences"] = new("The consequences", "Enter the consequences of not making the changes"),
            ["respondBy"] = FieldLabel.Date("The date to respond by", "Enter the date to respond by"),
        };
        for (var sent = 0; sent < rows.Count; sent++)
        {
            var row = rows[sent];
            labels[$"requirements[{sent}]"] = new($"Change {row + 1}", $"Enter change {row + 1} and its due date", NoticeForm.RowId(row, "change"));
            labels[$"requirements[{sent}].change"] = new($"Change {row + 1}", $"Enter what change {row + 1} requires", NoticeForm.RowId(row, "change"));
            labels[$"requirements[{sent}].dueOn"] = FieldLabel.Date($"The due date of change {row + 1}", $"Enter the date change {row + 1} is due", NoticeForm.RowId(row, "dueOn"));
            labels[$"requirements[{sent}].id"] = new($"Change {row + 1}", $"Enter change {row + 1}", NoticeForm.RowId(row, "change"));
        }

        return labels;
    }

    private async Task<IActionResult?> FindServableAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        // Offered only where the partnership's protocol allows a notice now: the command's own check.
        return Escalation.CanServeFormalNotice() is { IsRefusal: true } refused
            ? PageResults.NotFound($"A formal notice cannot be served on escalation {Escalation.ShownReference} now. {Show.Detail(refused.Message ?? "")}")
            : null;
    }
}
