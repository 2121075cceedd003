using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Timeliness;

/// <summary>A meeting whose attendance was recorded, on the date it was held.</summary>
public sealed record AttendedMeeting(DateOnly On, IReadOnlyList<Attendee> Present);

/// <summary>One member agency's attendance over a period's meetings.</summary>
/// <param name="AbsentInARow">Meetings missed one after another up to the latest (0 when it attended the latest).</param>
public sealed record AgencyAttendance(string Agency, int Meetings, int Present, int Absent, int AbsentInARow)
{
    /// <summary>The date of the first of the absences in a row (null when it attended the latest).</summary>
    public DateOnly? AbsentSince { get; init; }
}

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
                return new AgencyAttendance(agency.Key, held.Count, present.Count(p => p), present.Count(p => !p), inARow)
                {
                    AbsentSince = inARow > 0 ? held[^inARow].On : null,
                };
            })];
    }

    /// <summary>
    /// The agencies whose absences in a row reach <paramref name="limit"/> with the attendance of <paramref name="recorded"/>
    /// and had not before it: the independent chair is told of each once, when its run reaches the limit (a longer run
    /// is the same run; a new one starts after it attends). None when the limit is 0 (the partnership turned it off).
    /// </summary>
    /// <param name="others">The partnership's other meetings whose attendance is recorded, whatever their dates.</param>
    public static IReadOnlyList<AgencyAttendance> JustReached(
        PartnershipArrangements arrangements, IEnumerable<AttendedMeeting> others, AttendedMeeting recorded, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }

        var earlier = others.ToList();
        var before = ByAgency(arrangements, earlier).ToDictionary(a => a.Agency, a => a.AbsentInARow, StringComparer.OrdinalIgnoreCase);
        return [.. MissingInARow(arrangements, [.. earlier, recorded], limit).Where(a => before.GetValueOrDefault(a.Agency) < limit)];
    }

    /// <summary>
    /// The agencies that have missed at least <paramref name="limit"/> meetings in a row up to the latest (none when
    /// 0). The independent chair's own seat is left out: the chair is not told of their own absence.
    /// </summary>
    public static IReadOnlyList<AgencyAttendance> MissingInARow(PartnershipArrangements arrangements, IEnumerable<AttendedMeeting> meetings, int limit) =>
        limit <= 0 ? [] : [.. ByAgency(arrangements, meetings).Where(a => a.AbsentInARow >= limit && !IsChairOnly(arrangements, a.Agency))];

    /// <summary>
    /// Whether <paramref name="latest"/>, the partnership's latest meetings (all those after the earliest of them),
    /// reach back far enough for <see cref="JustReached"/> and <see cref="MissingInARow"/>: every agency the chair may
    /// be told of attended one of them, so no older meeting can change its run of absences, wherever a meeting
    /// recorded now falls among them.
    /// </summary>
    public static bool RunsEndWithin(PartnershipArrangements arrangements, IEnumerable<AttendedMeeting> latest) =>
        ByAgency(arrangements, latest).All(a => a.Present > 0 || IsChairOnly(arrangements, a.Agency));

    // An agency whose only member is the independent chair and scrutineer (in Staffordshire, the partnership itself).
    private static bool IsChairOnly(PartnershipArrangements arrangements, string agency) =>
        arrangements.IndependentScrutineer is { } chair
        && arrangements.Members.Where(m => Same(m.Agency, agency)).All(m => Same(m.Email, chair.Email));

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
