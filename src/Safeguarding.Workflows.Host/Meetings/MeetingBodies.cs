using System.Collections.Immutable;
using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Privacy;
using Safeguarding.Workflows.Host.Http;

namespace Safeguarding.Workflows.Host.Meetings;

// Request bodies as sent. Every field is optional text here, so that a missing or malformed value is answered with a
// 400 naming that field (a value of the wrong type is refused by binding, naming it too: HttpConventions).

public sealed record ContactBody(string? Name, string? Email, string? Agency);

public sealed record PaperBody(string? Id, string? Title, ContactBody? Author);

public sealed record ScheduleMeetingBody(string? Title, string? StartsAt, string? Location, List<PaperBody?>? Papers);

public sealed record RescheduleBody(string? StartsAt);

public sealed record WithdrawPaperBody(string? Reason);

public sealed record AttendeeBody(string? Agency, string? Role);

public sealed record DeclarationBody(string? Agency, string? Role, string? Interest, string? PaperId);

public sealed record AttendanceBody(List<AttendeeBody?>? Present, List<DeclarationBody?>? Declarations);

public sealed record ActionBody(string? Id, string? Title, ContactBody? Owner, string? DueOn);

public sealed record NotesBody(string? Summary, List<ActionBody?>? Actions);

/// <summary>
/// Checks request bodies and turns them into domain requests, collecting every problem by field
/// (<c>papers[1].author.email</c>) in the shared <see cref="JsonFields"/> collector, for one 400 answer. The messages
/// are the meeting pages' own ("Required.", "At most 200 characters."), which those pages put in their words.
/// </summary>
/// <param name="fields">The collector to add to (a page's or an endpoint's); a new one when left out.</param>
public sealed partial class MeetingValidation(JsonFields? fields = null)
{
    public const int MaxTitle = 200;
    public const int MaxText = 200;
    public const int MaxPapers = 50;
    public const int MaxActions = 100;
    public const int MaxAttendees = 200;
    public const int MaxSummary = 20_000;
    public const int MaxInterest = 1_000;

    /// <summary>A paper's or an action's id, which appears in links: <see cref="UrlIdRule.Name"/>.</summary>
    public static readonly UrlIdRule PartIdRule = UrlIdRule.Name(40);

    public JsonFields Fields { get; } = fields ?? new();

    public bool IsValid => !Fields.HasErrors;

    public Dictionary<string, string[]> Errors => Fields.Errors;

    public void Add(string field, string message) => Fields.Fail(field, message);

    public MeetingRequest? Meeting(ScheduleMeetingBody? body, DateTimeOffset now)
    {
        if (body is null)
        {
            Add("body", "Send the meeting as JSON: {title, startsAt, location?, papers: [...]}.");
            return null;
        }

        var title = Text(body.Title, "title", MaxTitle, required: true);
        var startsAt = FutureInstant(body.StartsAt, "startsAt", now);
        var location = Text(body.Location, "location", MaxText, required: false);
        var papers = ImmutableList.CreateBuilder<PaperRequest>();
        if (body.Papers is { Count: > MaxPapers })
        {
            Add("papers", $"At most {MaxPapers} papers.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (body.Papers?.Count ?? 0); i++)
        {
            var field = $"papers[{i}]";
            if (body.Papers![i] is not { } paper)
            {
                Add(field, "A paper is required here.");
                continue;
            }

            if (Paper(paper, $"{field}.") is { } request)
            {
                if (!seen.Add(request.Id))
                {
                    Add($"{field}.id", $"The paper id '{request.Id}' is used twice.");
                }

                papers.Add(request);
            }
        }

        return IsValid ? new MeetingRequest(title!, startsAt!.Value, location, papers.ToImmutable()) : null;
    }

    /// <summary>One paper: <c>{id, title, author: {name, email, agency}}</c>; <paramref name="prefix"/> goes before each field's name.</summary>
    public PaperRequest? Paper(PaperBody? body, string prefix = "")
    {
        if (body is null)
        {
            Add("body", "Send the paper as JSON: {id, title, author: {name, email, agency}}.");
            return null;
        }

        var id = Id(body.Id, $"{prefix}id");
        var title = Text(body.Title, $"{prefix}title", MaxTitle, required: true);
        var author = Contact(body.Author, $"{prefix}author");
        return id is not null && title is not null && author is not null ? new PaperRequest(id, title, author) : null;
    }

    public DateTimeOffset? Reschedule(RescheduleBody? body, DateTimeOffset now) => FutureInstant(body?.StartsAt, "startsAt", now);

    /// <summary>The attendance as sent; whether a declaration's <c>paperId</c> is one of the meeting's papers is the meeting's rule.</summary>
    public AttendanceReport? Attendance(AttendanceBody? body)
    {
        var present = ImmutableList.CreateBuilder<Attendee>();
        if (body?.Present is not { Count: > 0 })
        {
            Add("present", "List who was present: [{agency, role}].");
        }
        else if (body.Present.Count > MaxAttendees)
        {
            Add("present", $"At most {MaxAttendees} attendees.");
        }
        else
        {
            for (var i = 0; i < body.Present.Count; i++)
            {
                var agency = Text(body.Present[i]?.Agency, $"present[{i}].agency", MaxText, required: true);
                var role = Text(body.Present[i]?.Role, $"present[{i}].role", MaxText, required: true);
                if (agency is not null && role is not null)
                {
                    present.Add(new Attendee(agency, role));
                }
            }
        }

        var declarations = ImmutableList.CreateBuilder<Declaration>();
        if (body?.Declarations is { Count: > MaxAttendees })
        {
            Add("declarations", $"At most {MaxAttendees} declarations.");
        }

        for (var i = 0; i < (body?.Declarations?.Count ?? 0); i++)
        {
            var field = $"declarations[{i}]";
            var declaration = body!.Declarations![i];
            var agency = Text(declaration?.Agency, $"{field}.agency", MaxText, required: true);
            var role = Text(declaration?.Role, $"{field}.role", MaxText, required: true);
            var interest = Text(declaration?.Interest, $"{field}.interest", MaxInterest, required: true);
            if (agency is not null && role is not null && interest is not null)
            {
                declarations.Add(new Declaration(agency, role, interest, declaration!.PaperId));
            }
        }

        return IsValid ? new AttendanceReport(present.ToImmutable(), declarations.ToImmutable()) : null;
    }

    public NotesReport? Notes(NotesBody? body, DateOnly today)
    {
        var summary = Text(body?.Summary, "summary", MaxSummary, required: true, multiline: true);
        var actions = ImmutableList.CreateBuilder<ActionRequest>();
        if (body?.Actions is { Count: > MaxActions })
        {
            Add("actions", $"At most {MaxActions} actions.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (body?.Actions?.Count ?? 0); i++)
        {
            var field = $"actions[{i}]";
            if (body!.Actions![i] is not { } action)
            {
                Add(field, "An action is required here.");
                continue;
            }

            var id = Id(action.Id, $"{field}.id");
            if (id is not null && !seen.Add(id))
            {
                Add($"{field}.id", $"The action id '{id}' is used twice.");
            }

            var title = Text(action.Title, $"{field}.title", MaxTitle, required: true);
            var owner = Contact(action.Owner, $"{field}.owner");
            var dueOn = Date(action.DueOn, $"{field}.dueOn");
            if (dueOn is { } due && (due < today || due > today.AddYears(5)))
            {
                Add($"{field}.dueOn", $"Give a due date from today ({today:yyyy-MM-dd}) and within five years.");
                dueOn = null;
            }

            if (id is not null && title is not null && owner is not null && dueOn is not null)
            {
                actions.Add(new ActionRequest(id, title, owner, dueOn.Value));
            }
        }

        return IsValid ? new NotesReport(summary!, actions.ToImmutable()) : null;
    }

    private string? Id(string? value, string field)
    {
        if (PartIdRule.Problem(value) is not null)
        {
            Add(field, "Required: 1 to 40 lower-case letters, digits or hyphens.");
            return null;
        }

        return value;
    }

    // Multi-line text (the notes' summary, typed in a form's text area) may hold line breaks; no other control character is allowed.
    private string? Text(string? value, string field, int maxLength, bool required, bool multiline = false)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                Add(field, "Required.");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r')))
        {
            Add(field, "Must not contain control characters.");
            return null;
        }

        return trimmed;
    }

    private AgencyContact? Contact(ContactBody? body, string field)
    {
        if (body is null)
        {
            Add(field, "Required: {name, email, agency}.");
            return null;
        }

        var name = Text(body.Name, $"{field}.name", MaxText, required: true);
        var email = Email(body.Email, $"{field}.email");
        var agency = Text(body.Agency, $"{field}.agency", MaxText, required: true);
        return name is not null && email is not null && agency is not null ? new AgencyContact(name, email, agency) : null;
    }

    private string? Email(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254 || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            Add(field, "Required: an email address such as name@agency.example.org.");
            return null;
        }

        return trimmed;
    }

    /// <summary>
    /// An ISO 8601 date and time in the future (and within five years). With an offset (<c>Z</c>, <c>+01:00</c>) it is that
    /// instant; without one it is London local time (GMT or BST, whichever is in force on that date).
    /// </summary>
    private DateTimeOffset? FutureInstant(string? value, string field, DateTimeOffset now)
    {
        if (Instant(value) is not { } instant)
        {
            Add(field, "Required: an ISO 8601 date and time, for example 2026-02-14T10:00:00Z, or 2026-02-14T10:00 for London time.");
            return null;
        }

        if (instant <= now)
        {
            Add(field, $"Must be in the future (it is now {now:O}).");
            return null;
        }

        if (instant > now.AddYears(5))
        {
            Add(field, "Must be within five years.");
            return null;
        }

        return instant;
    }

    /// <summary>The instant <paramref name="value"/> names, reading a date and time without an offset as London local time.</summary>
    public static DateTimeOffset? Instant(string? value)
    {
        if (value is null || DateAndTime().Match(value) is not { Success: true } match)
        {
            return null;
        }

        if (match.Groups["offset"].Success)
        {
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) ? instant : null;
        }

        // A time the clocks skip (01:30 on the last Sunday of March) is the first instant after the gap, 02:00 BST; one
        // they pass twice (01:30 on the last Sunday of October) is the first of the two, in BST (LondonTime.At).
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? LondonTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
    }

    private DateOnly? Date(string? value, string field)
    {
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            Add(field, "Required: a date written YYYY-MM-DD.");
            return null;
        }

        return date;
    }

    /// <summary>London's date now, for dates that may not be in the past.</summary>
    public static DateOnly Today(DateTimeOffset now) => LondonTime.LocalDate(now);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(?<offset>Z|[+-]\d{2}:\d{2})?$")]
    private static partial Regex DateAndTime();
}
