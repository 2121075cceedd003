using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>The four levels of people a stage can reach, from the practitioners up to the partnership.</summary>
public enum EscalationLevel
{
    /// <summary>The two practitioners named in the escalation.</summary>
    Practitioners,

    /// <summary>Their managers or safeguarding leads: the nominated deputies of their agencies' members.</summary>
    Managers,

    /// <summary>Senior managers: their agencies' voting members of the partnership.</summary>
    SeniorManagers,

    /// <summary>The business manager, the delegated safeguarding partners and the independent scrutineer.</summary>
    Partnership,
}

/// <summary>
/// Who is told at each level, worked out from the partnership's arrangements. The arrangements list members by agency
/// but not line managers, so the mapping is:
/// <list type="bullet">
/// <item><b>Practitioners</b>: <c>raisedBy</c> and <c>concerning</c>.</item>
/// <item><b>Managers</b>: for each of the two agencies, the nominated deputies of its voting members (the people who act
/// with delegated authority), or the members themselves where they name no deputy.</item>
/// <item><b>Senior managers</b>: for each of the two agencies, its voting members (for a safeguarding partner, the
/// delegated officer).</item>
/// <item><b>Partnership</b>: the business manager, the three delegated safeguarding partners and the independent
/// scrutineer, if there is one.</item>
/// </list>
/// Agencies are matched on their name, ignoring case and surrounding spaces. An agency that is not a member of the
/// partnership (a school, a provider) has no managers on file: the business manager stands in for them, so that a
/// level is never empty. Everyone appears once, by email address.
/// </summary>
public static class EscalationPeople
{
    /// <summary>
    /// The level of stage <paramref name="index"/> (0-based) of a ladder of <paramref name="count"/> stages: the first
    /// stage is the practitioners, the last (when there are two or more) the partnership, the second the managers and
    /// any in between senior managers. The default ladder of four maps one stage to each level.
    /// </summary>
    public static EscalationLevel LevelOf(int index, int count) => index switch
    {
        0 => EscalationLevel.Practitioners,
        _ when index == count - 1 => EscalationLevel.Partnership,
        1 => EscalationLevel.Managers,
        _ => EscalationLevel.SeniorManagers,
    };

    public static ImmutableList<EmailRecipient> At(EscalationLevel level, PartnershipArrangements arrangements, EscalationRequest request) => level switch
    {
        EscalationLevel.Practitioners => Distinct([Recipient(request.RaisedBy), Recipient(request.Concerning)]),
        EscalationLevel.Managers => Distinct(Agencies(request).SelectMany(agency => ManagersOf(arrangements, agency))),
        EscalationLevel.SeniorManagers => Distinct(Agencies(request).SelectMany(agency => SeniorManagersOf(arrangements, agency))),
        EscalationLevel.Partnership => Partnership(arrangements),
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The business manager, the delegated safeguarding partners and the independent scrutineer.</summary>
    public static ImmutableList<EmailRecipient> Partnership(PartnershipArrangements arrangements) => Distinct(
        new[] { Recipient(arrangements.BusinessManager) }
            .Concat(arrangements.SafeguardingPartners.Select(p => Recipient(p.DelegatedOfficer)))
            .Concat(arrangements.IndependentScrutineer is { } scrutineer ? [Recipient(scrutineer)] : []));

    /// <summary>
    /// Who a formal notice is served on: the senior managers of the <c>concerning</c> agency, or, when it is not a
    /// member of the partnership, the practitioner named as <c>concerning</c> (the only contact on file there).
    /// </summary>
    public static ImmutableList<EmailRecipient> Organisation(PartnershipArrangements arrangements, EscalationRequest request)
    {
        var members = VotingMembersOf(arrangements, request.Concerning.Agency).Select(m => Recipient(m.AsContact())).ToList();
        return Distinct(members.Count > 0 ? members : [Recipient(request.Concerning)]);
    }

    public static EmailRecipient Recipient(Contact contact) => new(contact.Name, contact.Email);

    public static EmailRecipient Recipient(Party party) => new(party.Name, party.Email);

    private static IEnumerable<string> Agencies(EscalationRequest request) =>
        new[] { request.RaisedBy.Agency, request.Concerning.Agency }.Distinct(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<EmailRecipient> ManagersOf(PartnershipArrangements arrangements, string agency)
    {
        var members = VotingMembersOf(arrangements, agency).ToList();
        return members.Count == 0
            ? [Recipient(arrangements.BusinessManager)]
            : members.Select(m => Recipient(m.NominatedDeputy ?? m.AsContact()));
    }

    private static IEnumerable<EmailRecipient> SeniorManagersOf(PartnershipArrangements arrangements, string agency)
    {
        var members = VotingMembersOf(arrangements, agency).ToList();
        return members.Count == 0 ? [Recipient(arrangements.BusinessManager)] : members.Select(m => Recipient(m.AsContact()));
    }

    private static IEnumerable<Member> VotingMembersOf(PartnershipArrangements arrangements, string agency) =>
        arrangements.Members.Where(m => m.Voting && string.Equals(m.Agency.Trim(), agency.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ImmutableList<EmailRecipient> Distinct(IEnumerable<EmailRecipient> people) =>
        people.DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToImmutableList();
}
