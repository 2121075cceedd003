using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Partnerships;

public sealed class PartnershipChangesTests
{
    [Fact]
    public void The_independent_chair_and_the_absences_before_telling_them_are_audited_in_words()
    {
        var chair = Arrangements.IndependentScrutineer!;
        var after = Arrangements with
        {
            IndependentScrutineer = chair with { Name = "Sam Scrutton", Email = "sam@staffordshire.example.org" },
            Meetings = Arrangements.Meetings with { TellChairAfterMissedMeetings = 0 },
        };

        Assert.Equal(
            [
                $"Independent chair and scrutineer: {chair.Name} ({chair.Agency}, {chair.Email}) → Sam Scrutton ({chair.Agency}, sam@staffordshire.example.org)",
                "Tell the independent chair after meetings missed in a row: 2 → never",
            ],
            PartnershipChanges.Between(Arrangements, after));
        Assert.Equal(2, MeetingArrangements.DefaultTellChairAfterMissedMeetings);
        Assert.Equal(["Independent chair and scrutineer: none → Sam Scrutton (Staffordshire Safeguarding Children Partnership, sam@staffordshire.example.org)"],
            PartnershipChanges.Between(Arrangements with { IndependentScrutineer = null }, Arrangements with { IndependentScrutineer = after.IndependentScrutineer }));
    }
}
