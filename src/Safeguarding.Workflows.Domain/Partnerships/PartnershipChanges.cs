using System.Text.Json;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>What a settings change altered, in the business unit's words, for the audit entry of the change.</summary>
public static class PartnershipChanges
{
    /// <summary>
    /// One line per member added or removed (by email address), per member, deputy or agency contact whose details
    /// changed, and per timescale with its old and new value. Empty when nothing changed.
    /// </summary>
    public static IReadOnlyList<string> Between(PartnershipArrangements before, PartnershipArrangements after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<string>();
        var old = before.Members.ToDictionary(m => m.Email, StringComparer.OrdinalIgnoreCase);
        var now = after.Members.ToDictionary(m => m.Email, StringComparer.OrdinalIgnoreCase);
        changes.AddRange(after.Members.Where(m => !old.ContainsKey(m.Email)).Select(m => $"Member added: {Who(m.AsContact())}"));
        changes.AddRange(before.Members.Where(m => !now.ContainsKey(m.Email)).Select(m => $"Member removed: {Who(m.AsContact())}"));
        foreach (var member in after.Members.Where(m => old.TryGetValue(m.Email, out var was) && was != m))
        {
            var was = old[member.Email];
            if (was with { NominatedDeputy = member.NominatedDeputy } != member)
            {
                changes.Add($"Member changed: {Who(was.AsContact())} is now {Who(member.AsContact())}{(member.Voting ? "" : ", not voting")}");
            }

            if (was.NominatedDeputy != member.NominatedDeputy)
            {
                changes.Add($"Deputy of {member.Name}: {Who(was.NominatedDeputy)} → {Who(member.NominatedDeputy)}");
            }
        }

        foreach (var (was, partner) in before.SafeguardingPartners.Zip(after.SafeguardingPartners).Where(x => x.First.DelegatedOfficer != x.Second.DelegatedOfficer))
        {
            changes.Add($"Contact for {partner.Organisation}: {Who(was.DelegatedOfficer)} → {Who(partner.DelegatedOfficer)}");
        }

        if (before.BusinessManager != after.BusinessManager)
        {
            changes.Add($"Business manager: {Who(before.BusinessManager)} → {Who(after.BusinessManager)}");
        }

        if (before.IndependentScrutineer != after.IndependentScrutineer)
        {
            changes.Add($"Independent chair and scrutineer: {Who(before.IndependentScrutineer)} → {Who(after.IndependentScrutineer)}");
        }

        if (before.Meetings.TellChairAfterMissedMeetings != after.Meetings.TellChairAfterMissedMeetings)
        {
            changes.Add($"Tell the independent chair after meetings missed in a row: {InARow(before.Meetings.TellChairAfterMissedMeetings)} → {InARow(after.Meetings.TellChairAfterMissedMeetings)}");
        }

        changes.AddRange(TimescaleChanges(before.Timescales, after.Timescales));
        return changes;
    }

    private static string InARow(int meetings) => meetings == 0 ? "never" : meetings.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Who(Contact? contact) => contact is null ? "none" : $"{contact.Name} ({contact.Agency}, {contact.Email})";

    // Compared field by field as the file spells them, so every timescale (present and future) is covered.
    private static IEnumerable<string> TimescaleChanges(PartnershipTimescales before, PartnershipTimescales after)
    {
        var was = JsonSerializer.SerializeToElement(before, PartnershipFile.JsonOptions);
        var now = JsonSerializer.SerializeToElement(after, PartnershipFile.JsonOptions);
        foreach (var field in now.EnumerateObject())
        {
            var old = was.TryGetProperty(field.Name, out var value) ? value.GetRawText() : "none";
            if (old != field.Value.GetRawText())
            {
                yield return $"Timescale {field.Name}: {old} → {field.Value.GetRawText()}";
            }
        }
    }
}
