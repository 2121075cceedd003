using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Timeliness;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Timeliness;

public sealed class AttendanceRulesTests
{
    private const string Council = "Staffordshire County Council";
    private const string Police = "Staffordshire Police";
    private const string Icb = "Staffordshire and Stoke-on-Trent Integrated Care Board";

    [Fact]
    public void Each_member_agency_is_present_when_its_member_or_deputy_attended_and_its_absences_in_a_row_are_counted_to_the_latest()
    {
        var meetings = new[]
        {
            // Listed out of order: the run of absences follows the meetings' dates.
            new AttendedMeeting(Day("2026-03-10"), [new(Council, "delegated-officer"), new(Icb, "Chief Nursing and Therapies Officer")]),
            new AttendedMeeting(Day("2026-01-13"), [new(Council, "Director for Children's Services"), new(Police, "Nominated deputy for the Assistant Chief Constable"), new(Icb, "lead")]),
            new AttendedMeeting(Day("2026-02-10"), [new(Council, "Lead Member for Children's Services"), new(Police, "Sergeant"), new(Icb, "nominated-deputy")]),
        };

        var rows = AttendanceRules.ByAgency(Arrangements, meetings);

        Assert.Equal(
            [
                new AgencyAttendance(Council, 3, 3, 0, 0),
                new AgencyAttendance(Police, 3, 1, 2, 2), // a sergeant is not the member or the deputy: absent in February and March
                new AgencyAttendance("Staffordshire Safeguarding Children Partnership", 3, 0, 3, 3),
                new AgencyAttendance(Icb, 3, 3, 0, 0),
            ],
            rows);
    }

    [Fact]
    public void With_no_meeting_held_every_agency_has_nothing_to_count()
    {
        var rows = AttendanceRules.ByAgency(Arrangements, []);
        Assert.All(rows, r => Assert.Equal((0, 0, 0, 0), (r.Meetings, r.Present, r.Absent, r.AbsentInARow)));
    }
}
