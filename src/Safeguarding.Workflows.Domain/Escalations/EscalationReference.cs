using System.Globalization;

namespace Safeguarding.Workflows.Domain.Escalations;

/// <summary>
/// The short reference an escalation is known by, <c>ESC-2027-014</c>: the year it was raised and its number among
/// the partnership's escalations raised that year. The number is taken from a counter shared by the cluster
/// (Storage's <c>ReferenceCounters</c>) once the request is known to be good, so a refused request takes none; a host
/// failing between taking a number and saving the escalation leaves a gap, never a repeat.
/// </summary>
public static class EscalationReference
{
    /// <summary>The counter the number is taken from: one per year of raising.</summary>
    public static string Series(DateOnly raisedOn) => string.Create(CultureInfo.InvariantCulture, $"escalation|{raisedOn.Year}");

    public static string Of(DateOnly raisedOn, int number) => string.Create(CultureInfo.InvariantCulture, $"ESC-{raisedOn.Year}-{number:000}");
}
