namespace Safeguarding.Workflows.Domain.Calendar;

/// <summary>
/// Converts between instants and the Europe/London local dates and times the law counts in (GMT in winter, BST in
/// summer).
/// </summary>
public static class LondonTime
{
    /// <summary>The Europe/London time zone: the system's tz database entry, or the current UK rules if the system has none.</summary>
    public static TimeZoneInfo Zone { get; } = FindZone();

    /// <summary>The last second of a day: a deadline "on date D" is met by 23:59:59 local on D.</summary>
    public static readonly TimeOnly EndOfDayTime = new(23, 59, 59);

    /// <summary>The London local date on which <paramref name="instant"/> falls.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>23:59:59 London time on <paramref name="date"/>: the last instant that still meets a deadline on that date (inclusive).</summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => At(date, EndOfDayTime);

    /// <summary>
    /// The instant at which London clocks show <paramref name="localTime"/> on <paramref name="date"/>, with the offset
    /// in force then. A time skipped when the clocks go forward (01:00–01:59 on the last Sunday of March) gives the
    /// first instant after the gap (02:00 BST); a time that happens twice when they go back gives the first of the two
    /// (the BST one), so nothing is ever sent late.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly localTime)
    {
        var local = date.ToDateTime(localTime, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return FirstInstantAfterGap(local);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static DateTimeOffset FirstInstantAfterGap(DateTime local)
    {
        // Reading the skipped local time with the offset after the gap gives an instant before the transition, with the
        // offset before the gap one after it; the transition lies between. Search to the tick.
        var before = Zone.GetUtcOffset(local.AddDays(-1));
        var after = Zone.GetUtcOffset(local.AddDays(1));
        var low = (local - after).Ticks;  // still on the old offset
        var high = (local - before).Ticks; // already on the new offset
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (Zone.GetUtcOffset(new DateTime(middle, DateTimeKind.Utc)) == after)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        var transition = new DateTime(high, DateTimeKind.Utc);
        return new DateTimeOffset(transition).ToOffset(after);
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return CurrentUkRules();
        }
    }

    /// <summary>
    /// For hosts without tzdata (slim container images): UK summer time as it has run since 1996, from 01:00 UTC on the
    /// last Sunday in March to 01:00 UTC on the last Sunday in October. Enough for every date we count.
    /// </summary>
    internal static TimeZoneInfo CurrentUkRules()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(1996, 1, 1),
            DateTime.MaxValue.Date,
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday));
        return TimeZoneInfo.CreateCustomTimeZone("Europe/London", TimeSpan.Zero, "Europe/London", "GMT", "BST", [rule]);
    }
}
