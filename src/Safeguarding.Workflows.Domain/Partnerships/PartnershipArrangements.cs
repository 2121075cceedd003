using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Domain.Partnerships;

/// <summary>
/// A partnership's published multi-agency safeguarding arrangements as the service needs them: who the three
/// safeguarding partners are, who receives papers, who manages and scrutinises, and the local timescales. Read from
/// one file in <c>config/partnerships/</c> by <see cref="PartnershipFile.Parse"/>.
/// </summary>
public sealed record PartnershipArrangements
{
    /// <summary>The partnership's id in URLs and process keys; the file name without <c>.json</c> (for example <c>east-sussex</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The partnership's own name, for example "Staffordshire Safeguarding Children Partnership".</summary>
    public required string Name { get; init; }

    /// <summary>Exactly three: the local authority, the chief officer of police and the integrated care board.</summary>
    public required IReadOnlyList<SafeguardingPartner> SafeguardingPartners { get; init; }

    /// <summary>Organisations the partners require to work with them (Relevant Agency Regulations 2018).</summary>
    public IReadOnlyList<string> RelevantAgencies { get; init; } = [];

    /// <summary>Groups and sub-groups that carry out the partnership's work (for example an improvement partnership group).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Everyone who receives the meeting pack, each with a nominated deputy where there is one.</summary>
    public required IReadOnlyList<Member> Members { get; init; }

    /// <summary>Runs the partnership's business: receives papers, monitors attendance, is warned of deadlines at risk.</summary>
    public required Contact BusinessManager { get; init; }

    /// <summary>The independent scrutineer, where the arrangements name one.</summary>
    public Contact? IndependentScrutineer { get; init; }

    public required MeetingArrangements Meetings { get; init; }

    /// <summary>Whether the area has a secure establishment (adds the restraint section to the annual report).</summary>
    public bool HasSecureEstablishment { get; init; }

    /// <summary>Days the partnership does not count as working days, besides weekends and bank holidays.</summary>
    public IReadOnlyList<DateOnly> ClosureDays { get; init; } = [];

    /// <summary>Local timescales; anything the file leaves out takes the default of docs/design/statutory-rules.md.</summary>
    public PartnershipTimescales Timescales { get; init; } = new();

    /// <summary>The partner of <paramref name="kind"/> (validation guarantees there is exactly one).</summary>
    public SafeguardingPartner Partner(PartnerKind kind) => SafeguardingPartners.Single(p => p.Kind == kind);

    /// <summary>Members and nominated deputies, once each by email address: the circulation list for meeting packs.</summary>
    [JsonIgnore]
    public IReadOnlyList<Contact> MembersAndDeputies =>
    [
        .. Members
            .SelectMany(m => m.NominatedDeputy is { } deputy ? new[] { m.AsContact(), deputy } : [m.AsContact()])
            .DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase),
    ];
}

/// <summary>The three kinds of statutory safeguarding partner (Children Act 2004 s16E).</summary>
public enum PartnerKind
{
    LocalAuthority,
    Police,
    Icb,
}

/// <summary>One of the three safeguarding partners.</summary>
public sealed record SafeguardingPartner
{
    /// <summary>The organisation, for example "Sussex Police".</summary>
    public required string Organisation { get; init; }

    public required PartnerKind Kind { get; init; }

    /// <summary>The lead safeguarding partner's role, for example "Chief Constable".</summary>
    public required string LeadRole { get; init; }

    /// <summary>The senior officer the lead partner delegated to (the delegated safeguarding partner).</summary>
    public required Contact DelegatedOfficer { get; init; }
}

/// <summary>A named person the service may email about the partnership's business. Never a child or family member.</summary>
public sealed record Contact
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    /// <summary>The organisation the person speaks for; for a partner's officers, the partner's organisation.</summary>
    public required string Agency { get; init; }

    public required string Email { get; init; }
}

/// <summary>A member of the partnership meeting.</summary>
public sealed record Member
{
    public required string Name { get; init; }

    public required string Role { get; init; }

    public required string Agency { get; init; }

    public required string Email { get; init; }

    /// <summary>False for members who attend without a vote (for example a Lead Member for children's services).</summary>
    public bool Voting { get; init; } = true;

    /// <summary>Attends with full delegated authority when the member cannot.</summary>
    public Contact? NominatedDeputy { get; init; }

    public Contact AsContact() => new() { Name = Name, Role = Role, Agency = Agency, Email = Email };
}

/// <summary>How often the partners meet.</summary>
public enum MeetingCadence
{
    Monthly,
    SixWeekly,
    BiMonthly,
    Quarterly,
}

/// <summary>How the partnership's meetings run.</summary>
public sealed record MeetingArrangements
{
    public MeetingCadence Cadence { get; init; } = MeetingCadence.Monthly;

    /// <summary>The order in which the partners take the chair; every partner kind appears once.</summary>
    public IReadOnlyList<PartnerKind> ChairRotation { get; init; } = [PartnerKind.LocalAuthority, PartnerKind.Police, PartnerKind.Icb];

    /// <summary>
    /// The independent chair and scrutineer is emailed when a member agency misses this many meetings in a row (0: never).
    /// Two by default: partnership meetings are often bi-monthly or quarterly, so a second absence already means four to
    /// six months without the agency at the table, and "two consecutive meetings" is the usual trigger in terms of reference.
    /// </summary>
    public int TellChairAfterMissedMeetings { get; init; } = DefaultTellChairAfterMissedMeetings;

    public const int DefaultTellChairAfterMissedMeetings = 2;

    /// <summary>The most <see cref="TellChairAfterMissedMeetings"/> may be: a year of monthly meetings.</summary>
    public const int MaxTellChairAfterMissedMeetings = 12;
}
