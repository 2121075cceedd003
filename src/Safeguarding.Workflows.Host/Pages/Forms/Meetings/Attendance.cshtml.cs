using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.Meetings;

/// <summary>
/// <c>/forms/meetings/{p}/{id}/attendance</c>: who was present and the declarations of interest, read and recorded as
/// the API's <c>POST .../meetings/{id}/attendance</c> does (<see cref="MeetingCommands.RecordAttendanceAsync"/>); the
/// confirmation says whether the meeting was quorate.
/// </summary>
public sealed class AttendanceModel(PartnershipDirectory partnerships, MeetingCommands commands) : MeetingForm(partnerships, commands)
{
    public const int DeclarationRows = 3;

    /// <summary>Everyone who may attend: members and their nominated deputies, as "agency|role" choices.</summary>
    public IReadOnlyList<Choice> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ListPeople();
        foreach (var present in Meeting.Attendance?.Present ?? [])
        {
            var value = Value(present.Agency, present.Role);
            Form.Set("present", Form.Value("present").Length == 0 ? value : $"{Form.Value("present")},{value}");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string id)
    {
        if (await FindAsync(p, id) is { } notFound)
        {
            return notFound;
        }

        ListPeople();
        ReadForm();
        var present = Request.Form["present"].Select(v => (v ?? "").Split('|', 2)).Where(v => v.Length == 2).Select(v => new AttendeeBody(v[0], v[1])).ToList();
        var rows = Enumerable.Range(0, DeclarationRows).Where(i => new[] { "agency", "role", "interest" }.Any(f => Form.Value(RowId(i, f)).Length > 0)).ToList();
        var request = new AttendanceBody(
            present!,
            [.. rows.Select(i => (DeclarationBody?)new DeclarationBody(Form.Optional(RowId(i, "agency")), Form.Optional(RowId(i, "role")), Form.Optional(RowId(i, "interest")), Form.Optional(RowId(i, "paperId"))))]);
        var outcome = await DecideMeetingAsync(request, v => v.Attendance(request), report => Commands.RecordAttendanceAsync(p, id, report, RequestActor.Of(HttpContext)));

        var labels = new Dictionary<string, FieldLabel>
        {
            ["present"] = new("Who was present", "Select who was present"),
        };
        for (var sent = 0; sent < rows.Count; sent++)
        {
            var row = rows[sent];
            labels[$"declarations[{sent}].agency"] = new($"Declaration {row + 1} agency", $"Enter the agency of the person declaring interest {row + 1}", RowId(row, "agency"));
            labels[$"declarations[{sent}].role"] = new($"Declaration {row + 1} role", $"Enter the role of the person declaring interest {row + 1}", RowId(row, "role"));
            labels[$"declarations[{sent}].interest"] = new($"Declaration {row + 1} interest", $"Enter the interest declared in declaration {row + 1}", RowId(row, "interest"));
            labels[$"declarations[{sent}].paperId"] = new($"Declaration {row + 1} paper", $"Choose the paper for declaration {row + 1}", RowId(row, "paperId"));
        }

        return Answer(outcome, labels, () =>
        {
            var quorum = QuorumView.Of(outcome.ValueAs<Domain.Meetings.Meeting>().Attendance!);
            return new Confirmation(
                "Attendance recorded",
                $"{Meeting.Title}",
                [quorum.Quorate
                    ? "The meeting was quorate: all three safeguarding partners were represented."
                    : $"The meeting was not quorate ({string.Join(", ", quorum.Missing)} not represented). Its decisions are pending ratification at the next meeting."],
                $"/forms/meetings/{p}/{id}/notes",
                "Record the notes and actions");
        }, request);
    }

    public static string RowId(int row, string field) => $"declarations-{row}-{field}";

    public static string Value(string agency, string role) => $"{agency}|{role}";

    private void ListPeople()
    {
        var people = new List<Choice>();
        foreach (var member in Partnership.Members)
        {
            people.Add(new Choice(Value(member.Agency, member.Role), Who(member.Name, member.Role), member.Agency));
            if (member.NominatedDeputy is { } deputy)
            {
                people.Add(new Choice(Value(deputy.Agency, deputy.Role), $"{Who(deputy.Name, deputy.Role)} (deputy)", deputy.Agency));
            }
        }

        People = people.DistinctBy(c => c.Value).ToList();
    }

    // Presets name people by their role ("Board Manager"): say it once, not "Board Manager, Board Manager".
    private static string Who(string name, string role) => string.Equals(name, role, StringComparison.Ordinal) ? name : $"{name}, {role}";
}
