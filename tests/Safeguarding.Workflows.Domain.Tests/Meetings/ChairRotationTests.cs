using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

public sealed class ChairRotationTests
{
    private static readonly MeetingArrangements Monthly = new() { ChairRotation = [PartnerKind.LocalAuthority, PartnerKind.Police, PartnerKind.Icb] };

    [Theory]
    [InlineData("2000-01-20", PartnerKind.LocalAuthority)] // the reference month
    [InlineData("2026-01-12", PartnerKind.LocalAuthority)] // 312 months on
    [InlineData("2026-02-14", PartnerKind.Police)]
    [InlineData("2026-03-02", PartnerKind.Icb)]
    [InlineData("2026-04-30", PartnerKind.LocalAuthority)]
    [InlineData("1999-12-15", PartnerKind.Icb)] // before the reference: still in turn
    public void Monthly_meetings_take_the_chair_in_turn_by_month(string meetingOn, PartnerKind chair)
    {
        Assert.Equal(chair, ChairRotation.TurnOf(Monthly, Day(meetingOn)));
    }

    [Fact]
    public void Consecutive_monthly_meetings_never_share_a_chair_and_each_partner_chairs_every_third()
    {
        var months = Enumerable.Range(0, 36).Select(i => new DateOnly(2026, 1, 15).AddMonths(i)).ToList();
        var chairs = months.Select(m => ChairRotation.TurnOf(Monthly, m)).ToList();

        Assert.All(chairs.Zip(chairs.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.All(Enum.GetValues<PartnerKind>(), kind => Assert.Equal(12, chairs.Count(c => c == kind)));
    }

    [Theory]
    [InlineData(MeetingCadence.Quarterly, "2026-01-10", "2026-03-25", true)]   // same quarter
    [InlineData(MeetingCadence.Quarterly, "2026-03-25", "2026-04-02", false)]  // next quarter
    [InlineData(MeetingCadence.BiMonthly, "2026-01-10", "2026-02-20", true)]
    [InlineData(MeetingCadence.BiMonthly, "2026-02-20", "2026-03-02", false)]
    [InlineData(MeetingCadence.SixWeekly, "2026-01-05", "2026-02-16", false)]  // 42 days apart
    public void Other_cadences_rotate_by_their_own_period(MeetingCadence cadence, string first, string second, bool sameChair)
    {
        var arrangements = Monthly with { Cadence = cadence };
        Assert.Equal(sameChair, ChairRotation.TurnOf(arrangements, Day(first)) == ChairRotation.TurnOf(arrangements, Day(second)));
    }

    [Fact]
    public void The_rotation_order_is_the_arrangements_own()
    {
        var policeFirst = Monthly with { ChairRotation = [PartnerKind.Police, PartnerKind.Icb, PartnerKind.LocalAuthority] };
        Assert.Equal(PartnerKind.Police, ChairRotation.TurnOf(policeFirst, Day("2026-01-12")));
    }

    [Fact]
    public void The_chair_is_the_delegated_officer_of_the_partner_in_turn()
    {
        var chair = ChairRotation.For(Arrangements, Day("2026-02-14"));

        Assert.Equal(PartnerKind.Police, chair.Partner);
        Assert.Equal("Staffordshire Police", chair.Organisation);
        Assert.Equal("Assistant Chief Constable", chair.Role);
    }
}
