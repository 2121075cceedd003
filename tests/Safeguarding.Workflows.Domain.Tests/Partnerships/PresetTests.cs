using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.Partnerships;

/// <summary>Every partnership file committed in config/partnerships loads and keeps the facts of the seed material.</summary>
public sealed class PresetTests
{
    private static readonly string Folder = RepositoryFiles.Find("config/partnerships");

    public static TheoryData<string> Files => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_preset_file_loads(string file)
    {
        var arrangements = PartnershipFile.Parse(file, File.ReadAllText(Path.Combine(Folder, file)));

        Assert.Equal(Path.GetFileNameWithoutExtension(file), arrangements.Id);
        Assert.Equal(3, arrangements.SafeguardingPartners.Count);
        Assert.All(arrangements.MembersAndDeputies, c => Assert.EndsWith("example.org", c.Email));
        Assert.False(arrangements.HasSecureEstablishment);
        Assert.Equal(new PartnershipTimescales().EscalationStages, arrangements.Timescales.EscalationStages);
        Assert.Equal(new PartnershipTimescales(), arrangements.Timescales with { EscalationStages = PartnershipTimescales.DefaultEscalationStages });
    }

    [Fact]
    public void The_six_presets_are_there()
    {
        var directory = Load();
        Assert.Equal(["brighton-and-hove", "east-sussex", "solihull", "staffordshire", "warwickshire", "west-sussex"], directory.All.Select(p => p.Id));
    }

    [Theory]
    [InlineData("solihull", "Solihull Metropolitan Borough Council", "West Midlands Police", "NHS Birmingham and Solihull Integrated Care Board")]
    [InlineData("brighton-and-hove", "Brighton & Hove City Council", "Sussex Police", "NHS Sussex Integrated Care Board")]
    [InlineData("east-sussex", "East Sussex County Council", "Sussex Police", "NHS Sussex Integrated Care Board")]
    [InlineData("west-sussex", "West Sussex County Council", "Sussex Police", "NHS Sussex Integrated Care Board")]
    [InlineData("staffordshire", "Staffordshire County Council", "Staffordshire Police", "Staffordshire and Stoke-on-Trent Integrated Care Board")]
    [InlineData("warwickshire", "Warwickshire County Council", "Warwickshire Police", "NHS Coventry and Warwickshire Integrated Care Board")]
    public void Each_preset_names_its_three_safeguarding_partners(string id, string localAuthority, string police, string icb)
    {
        var partnership = Load().Find(id)!;
        Assert.Equal(localAuthority, partnership.Partner(PartnerKind.LocalAuthority).Organisation);
        Assert.Equal(police, partnership.Partner(PartnerKind.Police).Organisation);
        Assert.Equal(icb, partnership.Partner(PartnerKind.Icb).Organisation);
    }

    [Fact]
    public void Staffordshire_keeps_its_terms_of_reference()
    {
        var staffordshire = Load().Find("staffordshire")!;
        Assert.Equal("Director for Children's Services", staffordshire.Partner(PartnerKind.LocalAuthority).DelegatedOfficer.Role);
        Assert.Equal("Assistant Chief Constable", staffordshire.Partner(PartnerKind.Police).DelegatedOfficer.Role);
        Assert.Equal("Chief Nursing and Therapies Officer", staffordshire.Partner(PartnerKind.Icb).DelegatedOfficer.Role);
        Assert.Equal(MeetingCadence.Monthly, staffordshire.Meetings.Cadence);
        Assert.Equal(3, staffordshire.Meetings.ChairRotation.Count);
        Assert.Equal(7, staffordshire.Timescales.CirculationDaysBeforeMeeting);
        Assert.False(staffordshire.Members.Single(m => m.Role.StartsWith("Lead Member", StringComparison.Ordinal)).Voting);
        Assert.Equal("Board Manager", staffordshire.BusinessManager.Role);
        Assert.NotNull(staffordshire.IndependentScrutineer);
        Assert.All(staffordshire.Members.Take(3), m => Assert.NotNull(m.NominatedDeputy));
    }

    [Fact]
    public void Sussex_partnerships_have_independent_scrutiny_and_warwickshire_its_extended_membership()
    {
        var directory = Load();
        Assert.All(new[] { "brighton-and-hove", "east-sussex", "west-sussex" }, id => Assert.NotNull(directory.Find(id)!.IndependentScrutineer));
        var warwickshire = directory.Find("warwickshire")!;
        Assert.Contains("West Midlands Ambulance Service", warwickshire.RelevantAgencies);
        Assert.Contains("Warwickshire Fire and Rescue Service", warwickshire.RelevantAgencies);
        Assert.DoesNotContain(warwickshire.SafeguardingPartners, p => p.Organisation.Contains("Commissioner", StringComparison.Ordinal));
        Assert.Contains(warwickshire.Members, m => m.Agency.Contains("Police and Crime Commissioner", StringComparison.Ordinal));
    }

    [Fact]
    public void Members_and_deputies_lists_each_address_once()
    {
        var staffordshire = Load().Find("staffordshire")!;
        var emails = staffordshire.MembersAndDeputies.Select(c => c.Email).ToList();
        Assert.Equal(emails.Distinct(StringComparer.OrdinalIgnoreCase).Count(), emails.Count);
        Assert.Contains("police.acc.deputy@staffordshire.example.org", emails);
    }

    private static PartnershipDirectory Load() =>
        PartnershipDirectory.FromFiles(
            Directory.GetFiles(Folder, "*.json").Select(f => (Path.GetFileName(f), File.ReadAllText(f))),
            StatutoryCalendar.EnglandAndWales);
}
