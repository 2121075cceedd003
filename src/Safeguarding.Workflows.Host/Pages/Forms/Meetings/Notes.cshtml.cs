using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>
/// <c>/forms/meetings/{p}/{id}/notes</c>: the meeting's notes and its actions (each with an owner and a due date), read
/// and recorded as the API's <c>POST .../meetings/{id}/notes</c> does (<see cref="MeetingCommands.RecordNotesAsync"/>).
/// The service then circulates the notes and reminds and chases each action's owner.
/// </summary>
public sealed class NotesModel(PartnershipDirectory partnerships, MeetingCommands commands, WorkflowClock clock) : MeetingForm(partnerships, commands)
{
    public const int ActionRows = 5;

    public async Task<IActionResult> OnGetAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        if (Meeting.Notes is { } notes)
        {
            Form.Set("summary", notes.Summary);
        }

        for (var i = 0; i < Meeting.Actions.Count && i < ActionRows; i++)
        {
            var action = Meeting.Actions[i];
            Form.Set(RowId(i, "title"), action.Title);
            Form.Set(RowId(i, "owner-name"), action.Owner.Name);
            Form.Set(RowId(i, "owner-email"), action.Owner.Email);
            Form.Set(RowId(i, "owner-agency"), action.Owner.Agency);
            Form.SetDate(RowId(i, "dueOn"), action.DueOn);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var rows = Enumerable.Range(0, ActionRows)
            .Where(i => new[] { "title", "owner-name", "owner-email", "owner-agency", "dueOn-day", "dueOn-month", "dueOn-year" }.Any(f => Form.Value(RowId(i, f)).Length > 0))
            .ToList();
        var actions = rows.Select(i => (ActionBody?)new ActionBody(
            ActionId(i),
            Form.Optional(RowId(i, "title")),
            new ContactBody(Form.Optional(RowId(i, "owner-name")), Form.Optional(RowId(i, "owner-email")), Form.Optional(RowId(i, "owner-agency"))),
            Form.Date(RowId(i, "dueOn"), $"The due date of action {i + 1}"))).ToList();
        var request = new NotesBody(Form.Optional("summary")?.ReplaceLineEndings("\n"), actions);
        var outcome = await DecideMeetingAsync(
            request, v => v.Notes(request, MeetingValidation.Today(clock.GetUtcNow())), report => Commands.RecordNotesAsync(p, id, report, RequestActor.Of(HttpContext)));

        var labels = new Dictionary<string, FieldLabel> { ["summary"] = new("The notes", "Enter the notes of the meeting") };
        for (var sent = 0; sent < rows.Count; sent++)
        {
            var row = rows[sent];
            labels[$"actions[{sent}].title"] = new($"Action {row + 1}", $"Enter what action {row + 1} is", RowId(row, "title"));
            labels[$"actions[{sent}].owner.name"] = new($"The owner of action {row + 1}", $"Enter the name of the owner of action {row + 1}", RowId(row, "owner-name"));
            labels[$"actions[{sent}].owner.email"] = new($"The owner’s email address for action {row + 1}", $"Enter the email address of the owner of action {row + 1}", RowId(row, "owner-email"));
            labels[$"actions[{sent}].owner.agency"] = new($"The owner’s agency for action {row + 1}", $"Enter the agency of the owner of action {row + 1}", RowId(row, "owner-agency"));
            labels[$"actions[{sent}].dueOn"] = FieldLabel.Date($"The due date of action {row + 1}", $"Enter the date action {row + 1} is due", RowId(row, "dueOn"));
        }

        return Answer(outcome, labels, () =>
        {
            var meeting = outcome.ValueAs<Domain.Meetings.Meeting>();
            return new Confirmation(
                "Notes recorded",
                meeting.Title,
                [$"The notes go to members, and {meeting.Actions.Count} {(meeting.Actions.Count == 1 ? "action has" : "actions have")} been given to {(meeting.Actions.Count == 1 ? "its owner" : "their owners")}.",
                 "Owners are reminded before each action is due, and chased when it is overdue."],
                $"/partnerships/{p}/meetings/{id}",
                "See the meeting");
        }, request);
    }

    public static string RowId(int row, string field) => $"actions-{row}-{field}";

    /// <summary>An action's id is its row on the form: <c>a1</c> to <c>a5</c>.</summary>
    public static string ActionId(int row) => $"a{row + 1}";
}
