using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>Someone at the meeting: the organisation they speak for and the capacity they attend in.</summary>
public sealed record Attendee(string Agency, string Role);

/// <summary>A declaration of interest made at the start of the meeting, optionally about one paper.</summary>
public sealed record Declaration(string Agency, string Role, string Interest, string? PaperId = null);

/// <summary>Whether the meeting was quorate, and which partners were or were not represented.</summary>
public sealed record QuorumAssessment(bool Quorate, ImmutableList<PartnerKind> Represented, ImmutableList<PartnerKind> Missing);

/// <summary>
/// Quorum (docs/design/statutory-rules.md §1): all three safeguarding partners represented, each by its lead, its delegated
/// officer or a nominated deputy. An attendee represents a partner when their agency is the partner's organisation
/// (ignoring case) and their role is one of those capacities: the words <c>lead</c>, <c>delegated-officer</c> or
/// <c>nominated-deputy</c>, or the role titles the arrangements give (the lead role, the delegated officer's role, the
/// role of a nominated deputy of a member from that organisation). Anyone else present attends but does not count.
/// </summary>
public static class Quorum
{
    /// <summary>The capacities that count, as words an agency form can send whatever the local titles are.</summary>
    public static readonly IReadOnlyList<string> CountingRoles = ["lead", "delegated-officer", "nominated-deputy"];

    public static QuorumAssessment Assess(PartnershipArrangements arrangements, IEnumerable<Attendee> present)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        ArgumentNullException.ThrowIfNull(present);
        var attendees = present.ToList();
        var represented = arrangements.SafeguardingPartners
            .Where(partner => attendees.Any(a => Represents(arrangements, partner, a)))
            .Select(p => p.Kind)
            .ToImmutableList();
        var missing = arrangements.SafeguardingPartners.Select(p => p.Kind).Except(represented).ToImmutableList();
        return new QuorumAssessment(missing.IsEmpty, represented, missing);
    }

    /// <summary>Whether <paramref name="attendee"/> speaks for <paramref name="partner"/> in a capacity that counts for quorum.</summary>
    public static bool Represents(PartnershipArrangements arrangements, SafeguardingPartner partner, Attendee attendee)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(attendee);
        if (!Same(attendee.Agency, partner.Organisation) && !Same(attendee.Agency, partner.DelegatedOfficer.Agency))
        {
            return false;
        }

        var deputyRoles = arrangements.Members
            .Where(m => Same(m.Agency, partner.Organisation) || Same(m.Agency, partner.DelegatedOfficer.Agency))
            .Select(m => m.NominatedDeputy?.Role)
            .OfType<string>();
        return CountingRoles.Concat([partner.LeadRole, partner.DelegatedOfficer.Role]).Concat(deputyRoles).Any(role => Same(role, attendee.Role));
    }

    private static bool Same(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
