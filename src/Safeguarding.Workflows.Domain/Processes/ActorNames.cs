using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Processes;

/// <summary>Who did something, in words for a history: the audit log keeps the actor as recorded, pages show this.</summary>
public static class ActorNames
{
    /// <summary>Prefix of the actor recorded for a contributor's signed link (<c>link:{id}</c>).</summary>
    public const string LinkPrefix = "link:";

    /// <summary>
    /// "Jo Bloggs (Staffordshire Police)" for someone the partnership names (matched by email address or name); "The
    /// service" for the timers; "A contributor, by emailed link" for a signed link (its id means nothing to a reader);
    /// anyone else as recorded.
    /// </summary>
    public static string Describe(string actor, PartnershipArrangements partnership)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(partnership);
        if (actor == Actors.System)
        {
            return "The service";
        }

        if (actor.StartsWith(LinkPrefix, StringComparison.Ordinal))
        {
            return "A contributor, by emailed link";
        }

        var person = People(partnership).FirstOrDefault(c =>
            string.Equals(c.Email, actor, StringComparison.OrdinalIgnoreCase) || string.Equals(c.Name, actor, StringComparison.OrdinalIgnoreCase));
        return person is null ? actor : person.Name.Contains(person.Agency, StringComparison.Ordinal) ? person.Name : $"{person.Name} ({person.Agency})";
    }

    private static IEnumerable<Contact> People(PartnershipArrangements partnership) =>
        partnership.MembersAndDeputies
            .Concat(partnership.SafeguardingPartners.Select(p => p.DelegatedOfficer))
            .Append(partnership.BusinessManager)
            .Concat(partnership.IndependentScrutineer is { } scrutineer ? [scrutineer] : []);
}
