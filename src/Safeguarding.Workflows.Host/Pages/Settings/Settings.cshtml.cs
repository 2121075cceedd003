using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Storage.Partnerships;

namespace Safeguarding.Workflows.Host.Pages.Settings;

/// <summary>
/// <c>/partnerships/{p}/settings</c>: the partnership's members and deputies, agency contacts and timescales, changed
/// by its business unit. One form; a change is saved with an audit entry and used by new work at once
/// (<see cref="PartnershipSettings"/>); then Post/Redirect/Get to a success banner.
/// </summary>
public sealed partial class SettingsModel(PartnershipDirectory partnerships, PartnershipSettings settings) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public FormState Form { get; private set; } = new();

    /// <summary>The latest changes, newest first.</summary>
    public IReadOnlyList<SettingsChange> History { get; private set; } = [];

    /// <summary>After a save: whether anything changed (null when the page was not reached from a save).</summary>
    public bool? Saved { get; private set; }

    /// <summary>The whole-number timescales, as the file names them, with a label.</summary>
    public IReadOnlyList<(string Name, string Label)> Timescales { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, [FromQuery] string? saved, CancellationToken cancellationToken)
    {
        if (!Find(p))
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Saved = saved switch { "1" => true, "0" => false, _ => null };
        Fill(Partnership);
        History = await settings.HistoryAsync(p, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, CancellationToken cancellationToken)
    {
        if (!Find(p))
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Form = FormState.From(Request.Form);
        var next = Read(Partnership);
        if (!Form.HasErrors)
        {
            var outcome = await settings.SaveAsync(next, RequestActor.Of(HttpContext), cancellationToken);
            if (outcome.Conflict)
            {
                Form.Fail("member-name", "Someone else saved the settings meanwhile: check them and save again");
            }

            foreach (var problem in outcome.Problems)
            {
                Form.Fail(FieldOf(problem.Field, next), ProblemText(problem));
            }

            if (!Form.HasErrors)
            {
                return Redirect($"/partnerships/{p}/settings?saved={(outcome.Saved ? 1 : 0)}");
            }
        }

        History = await settings.HistoryAsync(p, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private bool Find(string p)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return false;
        }

        Partnership = partnership;
        Timescales = [.. TimescaleValues(partnership.Timescales).Select(t => (t.Key, Words(t.Key)))];
        return true;
    }

    private void Fill(PartnershipArrangements a)
    {
        foreach (var partner in a.SafeguardingPartners)
        {
            Form.Set(ContactId(partner.Kind, "name"), partner.DelegatedOfficer.Name);
            Form.Set(ContactId(partner.Kind, "email"), partner.DelegatedOfficer.Email);
        }

        Form.Set("manager-name", a.BusinessManager.Name);
        Form.Set("manager-email", a.BusinessManager.Email);
        Form.Set("chair-name", a.IndependentScrutineer?.Name ?? "");
        Form.Set("chair-email", a.IndependentScrutineer?.Email ?? "");
        Form.Set(TellChairId, a.Meetings.TellChairAfterMissedMeetings.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in TimescaleValues(a.Timescales))
        {
            Form.Set(TimescaleId(name), value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The arrangements the posted form asks for; what is missing or not a number fails on its field.</summary>
    private PartnershipArrangements Read(PartnershipArrangements a)
    {
        var removed = Form.Value("remove").Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
        var members = a.Members.Where(m => !removed.Contains(m.Email)).ToList();
        if (NewMember() is { } member)
        {
            members.Add(member);
        }

        var partners = a.SafeguardingPartners.Select(partner => partner with
        {
            DelegatedOfficer = partner.DelegatedOfficer with
            {
                Name = Required(ContactId(partner.Kind, "name"), $"the name of the contact for {partner.Organisation}"),
                Email = Required(ContactId(partner.Kind, "email"), $"the email address of the contact for {partner.Organisation}"),
            },
        }).ToList();
        var manager = a.BusinessManager with
        {
            Name = Required("manager-name", "the business manager’s name"),
            Email = Required("manager-email", "the business manager’s email address"),
        };
        return a with
        {
            Members = members,
            SafeguardingPartners = partners,
            BusinessManager = manager,
            IndependentScrutineer = ReadChair(a),
            Meetings = a.Meetings with { TellChairAfterMissedMeetings = ReadTellChair(a.Meetings.TellChairAfterMissedMeetings) },
            Timescales = ReadTimescales(a.Timescales),
        };
    }

    /// <summary>The independent chair and scrutineer: none when both fields are empty, otherwise a name and an address.</summary>
    private Contact? ReadChair(PartnershipArrangements a)
    {
        if (Form.Value("chair-name").Trim().Length + Form.Value("chair-email").Trim().Length == 0)
        {
            return null;
        }

        var chair = a.IndependentScrutineer ?? new Contact { Name = "", Email = "", Role = "Independent chair and scrutineer", Agency = a.Name };
        return chair with
        {
            Name = Required("chair-name", "the independent chair’s name"),
            Email = Required("chair-email", "the independent chair’s email address"),
        };
    }

    private int ReadTellChair(int current)
    {
        if (int.TryParse(Form.Value(TellChairId), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value <= MeetingArrangements.MaxTellChairAfterMissedMeetings)
        {
            return value;
        }

        Form.Fail(TellChairId, $"Meetings missed in a row must be a whole number from 0 to {MeetingArrangements.MaxTellChairAfterMissedMeetings}");
        return current;
    }

    /// <summary>The field of "tell the independent chair after this many meetings missed in a row".</summary>
    public const string TellChairId = "tell-chair-after";

    private Member? NewMember()
    {
        string[] fields = ["member-name", "member-role", "member-agency", "member-email", "deputy-name", "deputy-email"];
        if (fields.All(f => Form.Value(f).Length == 0))
        {
            return null;
        }

        var name = Required("member-name", "the new member’s name");
        var role = Required("member-role", "the new member’s role");
        var agency = Required("member-agency", "the new member’s agency");
        var email = Required("member-email", "the new member’s email address");
        Contact? deputy = Form.Value("deputy-name").Length + Form.Value("deputy-email").Length == 0 ? null : new Contact
        {
            Name = Required("deputy-name", "the deputy’s name"),
            Email = Required("deputy-email", "the deputy’s email address"),
            Role = $"Nominated deputy for the {role}",
            Agency = agency,
        };
        return new Member
        {
            Name = name,
            Role = role,
            Agency = agency,
            Email = email,
            Voting = !Form.IsChecked("member-voting", "no"),
            NominatedDeputy = deputy,
        };
    }

    private PartnershipTimescales ReadTimescales(PartnershipTimescales current)
    {
        var json = JsonSerializer.SerializeToNode(current, PartnershipFile.JsonOptions)!.AsObject();
        foreach (var (name, _) in TimescaleValues(current))
        {
            var id = TimescaleId(name);
            if (int.TryParse(Form.Value(id), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value <= 365)
            {
                json[name] = value;
            }
            else
            {
                Form.Fail(id, $"{Words(name)} must be a whole number from 0 to 365");
            }
        }

        return json.Deserialize<PartnershipTimescales>(PartnershipFile.JsonOptions)!;
    }

    private string Required(string id, string what)
    {
        var value = Form.Value(id).Trim();
        if (value.Length == 0)
        {
            Form.Fail(id, $"Enter {what}");
        }

        return value;
    }

    /// <summary>The form field a partnership-file problem is about (<c>members[9].email</c> → the new member's email).</summary>
    private static string FieldOf(string path, PartnershipArrangements next)
    {
        var member = MemberPath().Match(path);
        if (member.Success)
        {
            var deputy = member.Groups["deputy"].Success;
            return (deputy ? "deputy-" : "member-") + (member.Groups["field"].Value is "email" ? "email" : "name");
        }

        var partner = PartnerPath().Match(path);
        if (partner.Success && int.Parse(partner.Groups["i"].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < next.SafeguardingPartners.Count)
        {
            return ContactId(next.SafeguardingPartners[i].Kind, partner.Groups["field"].Value is "email" ? "email" : "name");
        }

        return path.StartsWith("businessManager", StringComparison.Ordinal) ? (path.EndsWith("email", StringComparison.Ordinal) ? "manager-email" : "manager-name")
            : path.StartsWith("independentScrutineer", StringComparison.Ordinal) ? (path.EndsWith("email", StringComparison.Ordinal) ? "chair-email" : "chair-name")
            : path == "meetings.tellChairAfterMissedMeetings" ? TellChairId
            : path.StartsWith("timescales.", StringComparison.Ordinal) ? TimescaleId(path["timescales.".Length..].Split('.', '[')[0])
            : "member-name";
    }

    private static string ProblemText(ConfigurationProblem problem) => char.ToUpperInvariant(problem.Message[0]) + problem.Message[1..];

    private static string ContactId(PartnerKind kind, string field) => $"contact-{kind.ToString().ToLowerInvariant()}-{field}";

    private static string TimescaleId(string name) => $"timescale-{name}";

    private static IEnumerable<(string Key, int Value)> TimescaleValues(PartnershipTimescales timescales) =>
        JsonSerializer.SerializeToElement(timescales, PartnershipFile.JsonOptions).EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.Number)
            .Select(p => (p.Name, p.Value.GetInt32()));

    /// <summary><c>notesWithinWorkingDays</c> → "Notes within working days".</summary>
    private static string Words(string name)
    {
        var words = CamelHump().Replace(name, " $0").ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex(@"(?<=[a-z])[A-Z]")]
    private static partial Regex CamelHump();

    [GeneratedRegex(@"^members\[(?<i>\d+)\](?<deputy>\.nominatedDeputy)?\.(?<field>\w+)")]
    private static partial Regex MemberPath();

    [GeneratedRegex(@"^safeguardingPartners\[(?<i>\d+)\]\.delegatedOfficer\.(?<field>\w+)")]
    private static partial Regex PartnerPath();
}
