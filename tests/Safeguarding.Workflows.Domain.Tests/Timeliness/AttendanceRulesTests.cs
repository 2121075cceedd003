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
                new AgencyAttendance(Police, 3, 1, 2, 2) { AbsentSince = Day("2026-02-10") }, // a sergeant is not the member or the deputy: absent in February and March
                new AgencyAttendance("Staffordshire Safeguarding Children Partnership", 3, 0, 3, 3) { AbsentSince = Day("2026-01-13") },
                new AgencyAttendance(Icb, 3, 3, 0, 0),
            ],
            rows);
    }

    private static AttendedMeeting Held(string on, params string[] agencies) =>
        new(Day(on), [.. agencies.Select(a => new Attendee(a, "lead"))]);

    [Fact]
    public void The_chair_is_told_when_an_agencys_absences_in_a_row_reach_the_limit_once_per_run()
    {
        var january = Held("2026-01-13", Council, Icb);
        var february = Held("2026-02-10", Council, Icb);
        var march = Held("2026-03-10", Council, Icb);

        // The second absence in a row reaches 2; the independent chair's own seat (the partnership) is never reported.
        var reached = Assert.Single(AttendanceRules.JustReached(Arrangements, [january], february, limit: 2));
        Assert.Equal((Police, 2, Day("2026-01-13")), (reached.Agency, reached.AbsentInARow, reached.AbsentSince));

        // A third is the same run: nothing new. Nor before the limit, nor with the limit off.
        Assert.Empty(AttendanceRules.JustReached(Arrangements, [january, february], march, limit: 2));
        Assert.Empty(AttendanceRules.JustReached(Arrangements, [], january, limit: 2));
        Assert.Empty(AttendanceRules.JustReached(Arrangements, [january], february, limit: 0));

        // Once it attends, a new run starts and is reported when it reaches the limit again.
        var april = Held("2026-04-14", Council, Police, Icb);
        var may = Held("2026-05-12", Council, Icb);
        var june = Held("2026-06-09", Council, Icb);
        Assert.Empty(AttendanceRules.JustReached(Arrangements, [january, february, march, april], may, limit: 2));
        var again = Assert.Single(AttendanceRules.JustReached(Arrangements, [january, february, march, april, may], june, limit: 2));
        Assert.Equal(Day("2026-05-12"), again.AbsentSince);

        // Recorded late, an earlier meeting's absence can complete the run to the latest.
        Assert.Equal([Police], AttendanceRules.JustReached(Arrangements, [april, june], may, limit: 2).Select(a => a.Agency));
    }

    [Fact]
    public void The_dashboard_lists_agencies_at_or_over_the_limit_until_they_next_attend()
    {
        var missing = AttendanceRules.MissingInARow(Arrangements, [Held("2026-01-13", Council, Icb), Held("2026-02-10", Council), Held("2026-03-10", Council)], limit: 2);

        Assert.Equal([(Police, 3), (Icb, 2)], missing.Select(a => (a.Agency, a.AbsentInARow)));
        Assert.Empty(AttendanceRules.MissingInARow(Arrangements, [Held("2026-01-13", Council), Held("2026-02-10", Council, Police, Icb)], limit: 2));
        Assert.Empty(AttendanceRules.MissingInARow(Arrangements, [Held("2026-01-13"), Held("2026-02-10")], limit: 0));
    }

    [Fact]
    public void The_latest_meetings_back_to_each_agencys_last_attendance_give_the_same_answers_as_every_meeting()
    {
        // Many random histories, each with one meeting recorded now, often out of date order: the check that reads only
        // the latest meetings (as the attendance register is read) tells the chair and lists the same agencies as one
        // that reads them all.
        var random = new Random(32);
        string[] agencies = [Council, Police, Icb];
        var readLess = 0;
        for (var history = 0; history < 500; history++)
        {
            var meetings = Enumerable.Range(0, random.Next(1, 16))
                .Select(i => new AttendedMeeting(
                    new DateOnly(2020, 1, 14).AddDays(28 * i),
                    [.. agencies.Where(_ => random.Next(3) > 0).Select(a => new Attendee(a, "lead"))]))
                .ToList();
            var recorded = meetings[random.Next(meetings.Count)];
            var others = meetings.Where(m => m != recorded).ToList();
            var latest = new List<AttendedMeeting>();
            foreach (var meeting in others.OrderByDescending(m => m.On))
            {
                latest.Add(meeting);
                if (AttendanceRules.RunsEndWithin(Arrangements, latest))
                {
                    break;
                }
            }

            latest.Reverse();
            readLess += latest.Count < others.Count ? 1 : 0;
            // What the email and the dashboard say of an agency (the totals of meetings differ, and are not used).
            static IEnumerable<(string, int, DateOnly?)> Said(IEnumerable<AgencyAttendance> rows) => rows.Select(a => (a.Agency, a.AbsentInARow, a.AbsentSince));
            foreach (var limit in new[] { 1, 2, 3 })
            {
                Assert.Equal(Said(AttendanceRules.JustReached(Arrangements, others, recorded, limit)), Said(AttendanceRules.JustReached(Arrangements, latest, recorded, limit)));
                Assert.Equal(Said(AttendanceRules.MissingInARow(Arrangements, [.. others, recorded], limit)), Said(AttendanceRules.MissingInARow(Arrangements, [.. latest, recorded], limit)));
            }
        }

        Assert.True(readLess > 250, $"Only {readLess} of 500 histories were read in part.");
    }

    [Fact]
    public void The_runs_end_within_the_latest_meetings_once_every_agency_but_the_chairs_own_seat_attended_one()
    {
        Assert.False(AttendanceRules.RunsEndWithin(Arrangements, [Held("2026-02-10", Council, Icb)]));
        Assert.True(AttendanceRules.RunsEndWithin(Arrangements, [Held("2026-01-13", Police), Held("2026-02-10", Council, Icb)]));
        Assert.False(AttendanceRules.RunsEndWithin(Arrangements, []));
    }

    [Fact]
    public void With_no_meeting_held_every_agency_has_nothing_to_count()
    {
        var rows = AttendanceRules.ByAgency(Arrangements, []);
        Assert.All(rows, r => Assert.Equal((0, 0, 0, 0), (r.Meetings, r.Present, r.Absent, r.AbsentInARow)));
    }
}
