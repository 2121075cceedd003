using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Tests.AnnualReports;

public sealed class ReportSectionsTests
{
    [Theory]
    [InlineData(false, 15)]
    [InlineData(true, 16)]
    public void Section_16_is_there_only_with_a_secure_establishment(bool secure, int count)
    {
        var sections = ReportSections.For(secure);
        Assert.Equal(count, sections.Count);
        Assert.Equal(Enumerable.Range(1, count), sections.Select(s => s.Number));
        Assert.Equal(secure, sections.Any(s => s.Title.Contains("restraint", StringComparison.Ordinal)));
    }

    [Fact]
    public void Only_sections_1_and_2_are_mandatory() =>
        Assert.Equal([1, 2], ReportSections.All.Where(s => s.Mandatory).Select(s => s.Number));

    [Theory]
    [InlineData(1, SectionOwner.BusinessManager)]
    [InlineData(2, SectionOwner.BusinessManager)]
    [InlineData(3, SectionOwner.SafeguardingPartners)]
    [InlineData(6, SectionOwner.BusinessManager)]
    [InlineData(8, SectionOwner.BusinessManager)]
    [InlineData(9, SectionOwner.LocalAuthority)]
    [InlineData(10, SectionOwner.SafeguardingPartners)]
    [InlineData(11, SectionOwner.LocalAuthority)]
    [InlineData(12, SectionOwner.SafeguardingPartners)]
    [InlineData(13, SectionOwner.IndependentScrutineer)]
    [InlineData(14, SectionOwner.BusinessManager)]
    [InlineData(15, SectionOwner.BusinessManager)]
    [InlineData(16, SectionOwner.LocalAuthority)]
    public void Each_section_has_its_default_owner(int number, SectionOwner owner) =>
        Assert.Equal(owner, ReportSections.All.Single(s => s.Number == number).Owner);

    [Fact]
    public void Partner_sections_go_to_the_three_delegated_partners()
    {
        var contacts = ReportSections.Contacts(SectionOwner.SafeguardingPartners, TestPartnerships.Warwickshire);
        Assert.Equal(
            ["council.dsp@warwickshire.example.org", "police.dsp@warwickshire.example.org", "icb.dsp@warwickshire.example.org"],
            contacts.Select(c => c.Email));
        Assert.Equal("council.dsp@warwickshire.example.org", Assert.Single(ReportSections.Contacts(SectionOwner.LocalAuthority, TestPartnerships.Warwickshire)).Email);
    }

    [Fact]
    public void Scrutiny_goes_to_the_scrutineer_or_else_the_business_manager()
    {
        var scrutiny = ReportSections.All.Single(s => s.Number == 13);

        Assert.NotNull(TestPartnerships.Staffordshire.IndependentScrutineer);
        Assert.Equal(SectionOwner.IndependentScrutineer, ReportSections.OwnerIn(scrutiny, TestPartnerships.Staffordshire));
        Assert.Equal(TestPartnerships.Staffordshire.IndependentScrutineer, Assert.Single(ReportSections.Contacts(SectionOwner.IndependentScrutineer, TestPartnerships.Staffordshire)));

        Assert.Null(TestPartnerships.Warwickshire.IndependentScrutineer);
        Assert.Equal(SectionOwner.BusinessManager, ReportSections.OwnerIn(scrutiny, TestPartnerships.Warwickshire));
        Assert.Equal(TestPartnerships.Warwickshire.BusinessManager, Assert.Single(ReportSections.Contacts(SectionOwner.IndependentScrutineer, TestPartnerships.Warwickshire)));
    }
}
