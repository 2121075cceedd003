using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.Escalations;

/// <summary>
/// <c>/forms/escalations/{p}/{id}/formal-notice</c>: the formal notice to an organisation after the last stage — the
/// required changes, each with a due date, and the consequences of not making them — with the command the API's
/// <c>POST .../escalations/{id}/formal-notice</c> runs. The service writes the notice (HTML and Word) and chases each change.
/// </summary>
public sealed class FormalNoticeModel(PartnershipDirectory partnerships, EscalationCommands escalations) : EscalationForm(partnerships, escalations)
{
    public const int RequirementRows = 4;

    public async Task<IActionResult> OnGetAsync(string p, string id) => await FindAsync(p, id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var rows = Enumerable.Range(0, RequirementRows)
            .Where(i => new[] { "change", "dueOn-day", "dueOn-month", "dueOn-year" }.Any(f => Form.Value(RowId(i, f)).Length > 0))
            .ToList();
        var requirements = rows.Select(i => (EscalationsApi.RequirementBody?)new EscalationsApi.RequirementBody(
            RequirementId(i), Form.Optional(RowId(i, "change")), Form.Date(RowId(i, "dueOn"), $"The due date of change {i + 1}"))).ToList();
        var respondBy = Form.Date("respondBy", "The date to respond by");
        if (Form.HasErrors)
        {
            return Invalid();
        }

        var request = new EscalationsApi.FormalNoticeBody(requirements, Form.Optional("consequences"), respondBy);
        var outcome = await DecideAsync(request, EscalationRequests.ReadFormalNotice, r => Escalations.ServeFormalNoticeAsync(p, id, r, RequestActor.Of(HttpContext)));
        var labels = new Dictionary<string, FieldLabel>
        {
            ["requirements"] = new("The required changes", "Enter at least one required change", RowId(0, "change")),
            ["consequences"] = new("The consequences", "Enter the consequences of not making the changes"),
            ["respondBy"] = FieldLabel.Date("The date to respond by", "Enter the date to respond by"),
        };
        for (var sent = 0; sent < rows.Count; sent++)
        {
            var row = rows[sent];
            labels[$"requirements[{sent}]"] = new($"Change {row + 1}", $"Enter change {row + 1} and its due date", RowId(row, "change"));
            labels[$"requirements[{sent}].change"] = new($"Change {row + 1}", $"Enter what change {row + 1} requires", RowId(row, "change"));
            labels[$"requirements[{sent}].dueOn"] = FieldLabel.Date($"The due date of change {row + 1}", $"Enter the date change {row + 1} is due", RowId(row, "dueOn"));
            labels[$"requirements[{sent}].id"] = new($"Change {row + 1}", $"Enter change {row + 1}", RowId(row, "change"));
        }

        return Answer(outcome, labels, () =>
        {
            var escalation = outcome.ValueAs<Escalation>();
            var notice = escalation.Notice!;
            return new Confirmation(
                "Formal notice served",
                $"{escalation.ShownReference}/formal-notice",
                [$"The notice has been sent to {notice.Organisation}. They must respond by {Show.Date(notice.RespondBy)}.",
                 .. notice.Requirements.Select(r => $"{r.Change}: due by {Show.Date(r.DueOn)}."),
                 $"If the changes are not made, partners will be asked on {Show.Date(notice.ReferralPromptOn)} to decide whether to refer the matter to the Secretary of State."],
                FormalNotice.DocumentLink(escalation.Key, FormalNotice.HtmlDocument),
                "Read the notice");
        }, request);
    }

    public static string RowId(int row, string field) => $"requirements-{row}-{field}";

    public static string RequirementId(int row) => $"r{row + 1}";
}
