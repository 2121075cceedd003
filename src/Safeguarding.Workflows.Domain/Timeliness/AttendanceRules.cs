using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Timeliness;

/// <summary>A meeting whose attendance was recorded, on the date it was held.</summary>
public sealed record AttendedMeeting(DateOnly On, IReadOnlyList<Attendee> Present);

/// <summary>One member agency's attendance over a period's meetings.</summary>
/// <param name="AbsentInARow">Meetings missed one after another up to the latest (0 when it attended the latest).</param>
public sealed record AgencyAttendance(string Agency, int Meetings, int Present, int Absent, int AbsentInARow);

/// <summary>
/// Attendance by agency, which the business manager monitors and raises with the independent chair and scrutineer:
/// an agency is present at a meeting when someone attended for it as its member (the role the arrangements give) or
/// as that member's nominated deputy, or in a capacity that counts for quorum; anyone else from it does not count.
/// </summary>
public static class AttendanceRules
{
    public static IReadOnlyList<AgencyAttendance> ByAgency(PartnershipArrangements arrangements, IEnumerable<AttendedMeeting> meetings)
    {
        var held = meetings.OrderBy(m => m.On).ToList();
        return [.. arrangements.Members
            .GroupBy(m => m.Agency.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(agency =>
            {
                var roles = agency.Select(m => m.Role).Concat(agency.Select(m => m.NominatedDeputy?.Role).OfType<string>()).Concat(Quorum.CountingRoles).ToList();
                var present = held.Select(m => m.Present.Any(a => Same(a.Agency, agency.Key) && roles.Any(r => Same(r, a.Role)))).ToList();
                var inARow = present.AsEnumerable().Reverse().TakeWhile(p => !p).Count();
                return new AgencyAttendance(agency.Key, held.Count, present.Count(p => p), present.Count(p => !p), inARow);
            })];
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
