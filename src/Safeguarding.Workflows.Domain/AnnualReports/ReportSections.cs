using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.AnnualReports;

/// <summary>Who is asked to write a section of the yearly report.</summary>
public enum SectionOwner
{
    /// <summary>The partnership's business manager, who runs the partnership's business and compiles the report.</summary>
    BusinessManager,

    /// <summary>All three delegated safeguarding partners, for sections about each partner.</summary>
    SafeguardingPartners,

    /// <summary>The local authority's delegated safeguarding partner (children's services, education, the secure establishment).</summary>
    LocalAuthority,

    /// <summary>The independent scrutineer (the business manager where the arrangements name none).</summary>
    IndependentScrutineer,
}

/// <summary>One section of the yearly report as the law asks for it (docs/design/statutory-rules.md §5).</summary>
/// <param name="Mandatory">The report cannot be compiled without it.</param>
/// <param name="Owner">Who is asked for it by default.</param>
public sealed record SectionDefinition(int Number, string Title, bool Mandatory, SectionOwner Owner);

/// <summary>
/// The sections of a yearly report and who owns each. The owners are this service's default, chosen from the
/// arrangements so that each section goes to whoever holds its facts:
/// <list type="bullet">
/// <item>the business manager: 1 and 2 (what was done and how effective it was), 4 (themes from scrutiny, reviews and
/// audits), 5 (impact and training), 6 (priorities with little progress), 7 (learning from serious incidents),
/// 8 (key decisions and actions), 14 (changes to the arrangements) and 15 (national reforms) — the partnership's own
/// business, which the business unit records;</item>
/// <item>the three delegated safeguarding partners together: 3 (each partner's contribution), 10 (costs and value for
/// money) and 12 (data and information sharing) — facts only each partner holds;</item>
/// <item>the local authority's delegated partner: 9 (feedback from children and families), 11 (education's
/// representation) and 16 (restraint in the secure establishment) — services the local authority runs or commissions;</item>
/// <item>the independent scrutineer: 13 (impact of independent scrutiny), or the business manager where there is none.</item>
/// </list>
/// </summary>
public static class ReportSections
{
    /// <summary>Section 16 appears only where the area has a secure establishment.</summary>
    public const int SecureEstablishmentSection = 16;

    public static IReadOnlyList<SectionDefinition> All { get; } =
    [
        new(1, "What the partnership did under its arrangements, including child safeguarding practice reviews", true, SectionOwner.BusinessManager),
        new(2, "How effective the arrangements have been", true, SectionOwner.BusinessManager),
        new(3, "What each safeguarding partner contributed", false, SectionOwner.SafeguardingPartners),
        new(4, "Themes from scrutiny, practice reviews and multi-agency audits", false, SectionOwner.BusinessManager),
        new(5, "Impact on outcomes for children and families, including from training", false, SectionOwner.BusinessManager),
        new(6, "Priorities with little or no progress", false, SectionOwner.BusinessManager),
        new(7, "Learning from serious child safeguarding incidents", false, SectionOwner.BusinessManager),
        new(8, "Key decisions and actions, including review recommendations and their impact", false, SectionOwner.BusinessManager),
        new(9, "How feedback from children and families was used", false, SectionOwner.LocalAuthority),
        new(10, "Costs, each partner's financial contribution and value for money", false, SectionOwner.SafeguardingPartners),
        new(11, "How education is represented", false, SectionOwner.LocalAuthority),
        new(12, "How better data and information sharing improved practice", false, SectionOwner.SafeguardingPartners),
        new(13, "The impact of independent scrutiny", false, SectionOwner.IndependentScrutineer),
        new(14, "Changes to the published arrangements, with a timetable", false, SectionOwner.BusinessManager),
        new(15, "Implementing national reforms", false, SectionOwner.BusinessManager),
        new(16, "Use of restraint in the secure establishment (also reported to the Youth Justice Board, the Youth Custody Service and HM Inspectorate of Prisons)", false, SectionOwner.LocalAuthority),
    ];

    /// <summary>The sections of a report for an area with or without a secure establishment, in order.</summary>
    public static IReadOnlyList<SectionDefinition> For(bool hasSecureEstablishment) =>
        hasSecureEstablishment ? All : [.. All.Where(s => s.Number != SecureEstablishmentSection)];

    /// <summary>
    /// The owner actually used in a partnership: an independent scrutineer's section falls back to the business
    /// manager when the arrangements name no scrutineer.
    /// </summary>
    public static SectionOwner OwnerIn(SectionDefinition section, PartnershipArrangements arrangements) =>
        section.Owner == SectionOwner.IndependentScrutineer && arrangements.IndependentScrutineer is null
            ? SectionOwner.BusinessManager
            : section.Owner;

    /// <summary>The people <paramref name="owner"/> stands for in <paramref name="arrangements"/>, once each by address.</summary>
    public static IReadOnlyList<Contact> Contacts(SectionOwner owner, PartnershipArrangements arrangements) => owner switch
    {
        SectionOwner.BusinessManager => [arrangements.BusinessManager],
        SectionOwner.SafeguardingPartners => [.. arrangements.SafeguardingPartners.Select(p => p.DelegatedOfficer).DistinctBy(c => c.Email, StringComparer.OrdinalIgnoreCase)],
        SectionOwner.LocalAuthority => [arrangements.Partner(PartnerKind.LocalAuthority).DelegatedOfficer],
        SectionOwner.IndependentScrutineer => [arrangements.IndependentScrutineer ?? arrangements.BusinessManager],
        _ => throw new ArgumentOutOfRangeException(nameof(owner), owner, null),
    };
}
