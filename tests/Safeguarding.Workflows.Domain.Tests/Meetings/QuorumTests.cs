using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

public sealed class QuorumTests
{
    private const string Council = "Staffordshire County Council";
    private const string Police = "Staffordshire Police";
    private const string Icb = "Staffordshire and Stoke-on-Trent Integrated Care Board";

    [Fact]
    public void All_three_delegated_officers_present_is_quorate()
    {
        var quorum = Quorum.Assess(Arrangements,
        [
            new(Council, "Director for Children's Services"),
            new(Police, "Assistant Chief Constable"),
            new(Icb, "Chief Nursing and Therapies Officer"),
        ]);

        Assert.True(quorum.Quorate);
        Assert.Empty(quorum.Missing);
        Assert.Equal([PartnerKind.LocalAuthority, PartnerKind.Police, PartnerKind.Icb], quorum.Represented);
    }

    [Fact]
    public void One_partner_missing_is_inquorate_and_names_it()
    {
        var quorum = Quorum.Assess(Arrangements,
        [
            new(Council, "Director for Children's Services"),
            new(Police, "Assistant Chief Constable"),
            new("Staffordshire Safeguarding Children Partnership", "Independent Chair and Scrutineer"),
        ]);

        Assert.False(quorum.Quorate);
        Assert.Equal([PartnerKind.Icb], quorum.Missing);
    }

    [Theory]
    [InlineData(Icb, "Nominated deputy for the Chief Nursing and Therapies Officer", true)] // the deputy's own title
    [InlineData(Icb, "nominated-deputy", true)]
    [InlineData(Icb, "lead", true)]
    [InlineData(Icb, "Accountable Officer", true)] // the lead's role title
    [InlineData("staffordshire and stoke-on-trent integrated care board", "DELEGATED-OFFICER", true)] // case does not matter
    [InlineData(Icb, "Designated Nurse", false)]   // attends, but cannot speak for the partner
    [InlineData(Police, "Chief Nursing and Therapies Officer", false)] // right title, wrong organisation
    public void Who_counts_for_a_partner(string agency, string role, bool counts)
    {
        var quorum = Quorum.Assess(Arrangements,
        [
            new(Council, "delegated-officer"),
            new(Police, "delegated-officer"),
            new(agency, role),
        ]);

        Assert.Equal(counts, quorum.Quorate);
    }

    [Fact]
    public void A_non_voting_member_of_a_partner_organisation_does_not_represent_it()
    {
        var quorum = Quorum.Assess(Arrangements,
        [
            new(Council, "Lead Member for Children's Services"),
            new(Police, "Assistant Chief Constable"),
            new(Icb, "Chief Nursing and Therapies Officer"),
        ]);

        Assert.Equal([PartnerKind.LocalAuthority], quorum.Missing);
    }

    [Fact]
    public void Nobody_present_misses_all_three()
    {
        Assert.Equal(3, Quorum.Assess(Arrangements, []).Missing.Count);
    }
}
