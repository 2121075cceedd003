using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/new</c>: schedules a meeting with <see cref="MeetingCommands.ScheduleAsync"/>, read
/// with the API's own <see cref="MeetingValidation"/>. The id comes from the title and date; then Post/Redirect/Get to
/// the meeting's page.
/// </summary>
public sealed class NewModel(PartnershipDirectory partnerships, MeetingCommands commands, WorkflowClock clock) : FormPage
{
    /// <summary>Paper rows on the form; blank rows are ignored.</summary>
    public const int PaperRows = 5;

    public IActionResult OnGet(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
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
        var now = clock.GetUtcNow();
        if (Form.Value("title").Length == 0)
        {
            Form.Fail("title", "Enter the title of the meeting");
        }

        var startsAt = MeetingWhen.Read(Form, "date", "time", now);
        var rows = Enumerable.Range(0, PaperRows).Where(i => new[] { "title", "person", "name", "email", "agency" }.Any(f => Form.Value(RowId(i, f)).Length > 0)).ToList();
        var paperIds = new HashSet<string>(StringComparer.Ordinal);
        var body = new ScheduleMeetingBody(
            Form.Optional("title"),
            startsAt,
            Form.Optional("location"),
            [.. rows.Select(i => (PaperBody?)new PaperBody(
                PaperId(Form.Value(RowId(i, "title")), paperIds),
                Form.Optional(RowId(i, "title")),
                MeetingPeople.Author(Form, partnership, RowId(i, ""), $"Choose the author of paper {i + 1} from the list, or someone else")))]);

        var validation = new MeetingValidation();
        var request = validation.Meeting(body, now);
        foreach (var (path, messages) in validation.Errors.Where(e => e.Key != "startsAt"))
        {
            var (fieldId, message) = Say(path, messages[0], rows);
            Form.Fail(fieldId, message);
        }

        if (Form.HasErrors || request is null)
        {
            return Invalid();
        }

        var baseId = MeetingCommands.IdFor(request.Title, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.StartsAt, Domain.Calendar.LondonTime.Zone).DateTime));
        for (var attempt = 1; attempt <= 9; attempt++)
        {
            // Another meeting already has this title on this date: the next free "-2", "-3"...
            var id = attempt == 1 ? baseId : $"{baseId[..Math.Min(baseId.Length, MeetingCommands.MaxIdLength - 2)]}-{attempt}";
            var reply = await commands.ScheduleAsync(p, id, request, RequestActor.Of(HttpContext));
            if (reply.Outcome == DecisionOutcome.Conflict)
            {
                continue;
            }

            if (reply.Succeeded)
            {
                return Redirect($"/partnerships/{p}/meetings/{id}?done=scheduled");
            }

            var outcome = PageOutcome.Of(reply);
            Form.Fail("title", outcome.Detail ?? "The meeting could not be scheduled");
            return Invalid();
        }

        Form.Fail("title", "There are already 9 meetings with this title on this date: give this one a different title");
        return Invalid();
    }

    public static string RowId(int row, string field) => $"papers-{row}-{field}";

    /// <summary>A paper's id from its title: lower-case letters, digits and hyphens, at most 40, unique in the meeting.</summary>
    public static string PaperId(string title, HashSet<string> taken)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(title.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        words = words.Length == 0 ? "paper" : words[..Math.Min(words.Length, 36)].TrimEnd('-');
        var id = words;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{words}-{n}";
        }

        return id;
    }

    /// <summary>An error of the API's reading in the form's words, on its field.</summary>
    private (string FieldId, string Message) Say(string path, string message, List<int> rows)
    {
        var tooLong = message.StartsWith("At most", StringComparison.Ordinal);
        switch (path)
        {
            case "title":
                return ("title", tooLong ? $"The title must be {Lower(message)}" : "Enter the title of the meeting");
            case "location":
                return ("location", tooLong ? $"The location must be {Lower(message)}" : $"The location: {Lower(message)}");
        }

        var parts = path.Split('[', ']', '.');
        if (parts.Length >= 3 && parts[0] == "papers" && int.TryParse(parts[1], out var sent) && sent < rows.Count)
        {
            var row = rows[sent];
            var n = row + 1;
            var field = parts.Length > 4 ? parts[4] : parts[3];
            return field switch
            {
                "title" => (RowId(row, "title"), tooLong ? $"The title of paper {n} must be {Lower(message)}" : $"Enter the title of paper {n}"),
                "name" => (RowId(row, "name"), tooLong ? $"The author’s name for paper {n} must be {Lower(message)}" : $"Enter the name of the author of paper {n}, or choose them from the list"),
                "email" => (RowId(row, "email"), Form.Value(RowId(row, "email")).Length == 0
                    ? $"Enter the email address of the author of paper {n}"
                    : $"Enter the email address of the author of paper {n} in the correct format, like name@example.com"),
                "agency" => (RowId(row, "agency"), tooLong ? $"The agency for paper {n} must be {Lower(message)}" : $"Enter the agency of the author of paper {n}"),
                _ => (RowId(row, "title"), $"Paper {n}: {Lower(message)}"),
            };
        }

        return ("title", message);
    }

    private static string Lower(string message) => (char.ToLowerInvariant(message[0]) + message[1..]).TrimEnd('.');
}
