using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// The partnership's people, as its settings name them, for choosing a paper's author: members, nominated deputies,
/// the safeguarding partners' contacts, the business manager and the independent scrutineer (once each, by email).
/// "Someone else" is typed in instead.
/// </summary>
public static class MeetingPeople
{
    /// <summary>The choice for someone not in the list (the first, so a form left as it is asks for typed details).</summary>
    public const string SomeoneElse = "";

    public static IReadOnlyList<Contact> Of(PartnershipArrangements partnership) =>
    [
        .. partnership.MembersAndDeputies
            .Concat(partnership.SafeguardingPartners.Select(s => s.DelegatedOfficer))
            .Append(partnership.BusinessManager)
            .Concat(partnership.IndependentScrutineer is { } scrutineer ? [scrutineer] : [])
            .DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase),
    ];

    public static IReadOnlyList<Choice> Choices(PartnershipArrangements partnership) =>
    [
        new(SomeoneElse, "Someone else (give their details below)"),
        .. Of(partnership).Select(c => new Choice(c.Email, Label(c))),
    ];

    /// <summary>"Jo Bloggs, Assistant Chief Constable (Staffordshire Police)", saying nothing twice (presets name people by role).</summary>
    public static string Label(Contact c)
    {
        var text = c.Name.Contains(c.Role, StringComparison.OrdinalIgnoreCase) ? c.Name : $"{c.Name}, {c.Role}";
        return text.Contains(c.Agency, StringComparison.OrdinalIgnoreCase) ? text : $"{text} ({c.Agency})";
    }

    /// <summary>
    /// The author a form names in its fields <c>{prefix}person</c> (someone chosen) or <c>{prefix}name</c>,
    /// <c>{prefix}email</c> and <c>{prefix}agency</c> (someone else), as the API's body; a choice not in the list fails
    /// on its field.
    /// </summary>
    public static ContactBody Author(FormState form, PartnershipArrangements partnership, string prefix, string missingChoice)
    {
        var chosen = form.Value($"{prefix}person");
        if (chosen.Length == 0)
        {
            return new ContactBody(form.Optional($"{prefix}name"), form.Optional($"{prefix}email"), form.Optional($"{prefix}agency"));
        }

        if (Of(partnership).FirstOrDefault(c => string.Equals(c.Email, chosen, StringComparison.OrdinalIgnoreCase)) is { } person)
        {
            return new ContactBody(person.Name, person.Email, person.Agency);
        }

        form.Fail($"{prefix}person", missingChoice);
        return new ContactBody(null, null, null);
    }

    /// <summary>Whether someone was chosen from the list (so the typed fields are not the author's).</summary>
    public static bool Chosen(FormState form, string prefix) => form.Value($"{prefix}person").Length > 0;
}
