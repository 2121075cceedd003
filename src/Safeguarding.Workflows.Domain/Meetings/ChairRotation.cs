using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>Who chairs a meeting: the safeguarding partner whose turn it is, and the officer who sits for it.</summary>
public sealed record MeetingChair(PartnerKind Partner, string Organisation, string Name, string Role);

/// <summary>
/// The chair rotates among the three safeguarding partners in the order the arrangements give. A grain sees one
/// meeting only, so the turn cannot be "the one after the last meeting's chair"; instead it is fixed by the calendar:
/// <list type="bullet">
/// <item>the meeting's <b>cadence period</b> is counted from January 2000: months for monthly meetings, whole pairs
/// of months for bi-monthly, whole quarters (Jan–Mar, Apr–Jun...) for quarterly, whole six-week periods from Monday
/// 3 January 2000 for six-weekly;</item>
/// <item>the chair is <c>chairRotation[period mod count]</c>.</item>
/// </list>
/// So consecutive regular meetings take the chair in turn, two meetings in the same period share a chair, and the
/// answer never depends on which other meetings exist. The chair is fixed when the meeting is scheduled and keeps its
/// turn if the meeting is later moved.
/// </summary>
public static class ChairRotation
{
    private static readonly DateOnly Reference = new(2000, 1, 3); // a Monday, in the reference month

    /// <summary>The cadence period of <paramref name="meetingOn"/> counted from January 2000 (0 for January 2000).</summary>
    public static int Period(MeetingCadence cadence, DateOnly meetingOn)
    {
        var months = ((meetingOn.Year - Reference.Year) * 12) + meetingOn.Month - Reference.Month;
        return cadence switch
        {
            MeetingCadence.Monthly => months,
            MeetingCadence.BiMonthly => FloorDiv(months, 2),
            MeetingCadence.Quarterly => FloorDiv(months, 3),
            MeetingCadence.SixWeekly => FloorDiv(meetingOn.DayNumber - Reference.DayNumber, 42),
            _ => throw new ArgumentOutOfRangeException(nameof(cadence), cadence, "Unknown meeting cadence."),
        };
    }

    /// <summary>The partner that chairs a meeting on <paramref name="meetingOn"/>.</summary>
    public static PartnerKind TurnOf(MeetingArrangements arrangements, DateOnly meetingOn)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        var order = arrangements.ChairRotation;
        if (order.Count == 0)
        {
            throw new ArgumentException("The chair rotation is empty.", nameof(arrangements));
        }

        var period = Period(arrangements.Cadence, meetingOn);
        return order[((period % order.Count) + order.Count) % order.Count];
    }

    /// <summary>The chair of a meeting on <paramref name="meetingOn"/>: the partner in turn, represented by its delegated officer.</summary>
    public static MeetingChair For(PartnershipArrangements arrangements, DateOnly meetingOn)
    {
        ArgumentNullException.ThrowIfNull(arrangements);
        var partner = arrangements.Partner(TurnOf(arrangements.Meetings, meetingOn));
        return new MeetingChair(partner.Kind, partner.Organisation, partner.DelegatedOfficer.Name, partner.DelegatedOfficer.Role);
    }

    private static int FloorDiv(int value, int by) => (int)Math.Floor(value / (double)by);
}
