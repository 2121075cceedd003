using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Escalations.EscalationFixtures;

namespace Safeguarding.Workflows.Domain.Tests.Escalations;

/// <summary>Who is told at each level, from the arrangements' members by agency.</summary>
public sealed class EscalationPeopleTests
{
    [Theory]
    [InlineData(1, new[] { EscalationLevel.Practitioners })]
    [InlineData(2, new[] { EscalationLevel.Practitioners, EscalationLevel.Partnership })]
    [InlineData(3, new[] { EscalationLevel.Practitioners, EscalationLevel.Managers, EscalationLevel.Partnership })]
    [InlineData(4, new[] { EscalationLevel.Practitioners, EscalationLevel.Managers, EscalationLevel.SeniorManagers, EscalationLevel.Partnership })]
    [InlineData(5, new[] { EscalationLevel.Practitioners, EscalationLevel.Managers, EscalationLevel.SeniorManagers, EscalationLevel.SeniorManagers, EscalationLevel.Partnership })]
    public void Stages_map_to_levels_by_position(int count, EscalationLevel[] expected)
    {
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => EscalationPeople.LevelOf(i, count)));
    }

    [Fact]
    public void The_practitioners_are_the_two_people_named()
    {
        Assert.Equal(["sam@council.example.org", "pat@police.example.org"], Emails(EscalationLevel.Practitioners, Request(D("2026-01-05"))));
    }

    [Fact]
    public void Managers_are_the_nominated_deputies_of_each_agencys_voting_members_or_the_member_without_one()
    {
        // The council member names a deputy; the police member does not; the non-voting Lead Member is never told.
        Assert.Equal(["dcs.deputy@council.example.org", "acc@police.example.org"], Emails(EscalationLevel.Managers, Request(D("2026-01-05"))));
    }

    [Fact]
    public void Senior_managers_are_each_agencys_voting_members()
    {
        Assert.Equal(["dcs@council.example.org", "acc@police.example.org"], Emails(EscalationLevel.SeniorManagers, Request(D("2026-01-05"))));
    }

    [Fact]
    public void An_agency_that_is_not_a_member_falls_back_to_the_business_manager()
    {
        var request = Request(D("2026-01-05"), concerning: School);

        Assert.Equal(["dcs.deputy@council.example.org", "bm@partnership.example.org"], Emails(EscalationLevel.Managers, request));
        Assert.Equal(["dcs@council.example.org", "bm@partnership.example.org"], Emails(EscalationLevel.SeniorManagers, request));
    }

    [Fact]
    public void Agencies_match_ignoring_case_and_spaces()
    {
        var request = Request(D("2026-01-05"), concerning: Officer with { Agency = "  testshire POLICE " });

        Assert.Equal(["dcs@council.example.org", "acc@police.example.org"], Emails(EscalationLevel.SeniorManagers, request));
    }

    [Fact]
    public void The_partnership_is_the_business_manager_the_delegated_partners_and_the_scrutineer_if_any()
    {
        string[] withoutScrutineer = ["bm@partnership.example.org", "dcs@council.example.org", "acc@police.example.org", "nurse@icb.example.org"];

        Assert.Equal([.. withoutScrutineer, "scrutineer@partnership.example.org"], EscalationPeople.Partnership(Arrangements()).Select(p => p.Email));
        Assert.Equal(withoutScrutineer, EscalationPeople.Partnership(Arrangements(scrutineer: false)).Select(p => p.Email));
    }

    [Fact]
    public void A_formal_notice_is_served_on_the_organisations_senior_managers_or_the_named_practitioner()
    {
        Assert.Equal(["acc@police.example.org"], EscalationPeople.Organisation(Arrangements(), Request(D("2026-01-05"))).Select(p => p.Email));
        Assert.Equal(["jo@school.example.org"], EscalationPeople.Organisation(Arrangements(), Request(D("2026-01-05"), concerning: School)).Select(p => p.Email));
    }

    [Fact]
    public void Two_practitioners_of_the_same_agency_reach_its_managers_once()
    {
        var request = Request(D("2026-01-05"), concerning: Social with { Name = "Alex Team Manager", Email = "alex@council.example.org" });

        Assert.Equal(["dcs.deputy@council.example.org"], Emails(EscalationLevel.Managers, request));
    }

    private static IEnumerable<string> Emails(EscalationLevel level, EscalationRequest request) =>
        EscalationPeople.At(level, Arrangements(), request).Select(p => p.Email);
}
