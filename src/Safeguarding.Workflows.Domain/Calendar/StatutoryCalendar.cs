using System.Collections.Frozen;

namespace Safeguarding.Workflows.Domain.Calendar;

/// <summary>
/// The calendar statutory timescales are counted in: Europe/London local dates, where a <b>working day</b> is Monday to
/// Friday that is neither an England and Wales bank holiday nor a closure day of the partnership (docs/design/statutory-rules.md,
/// "Counting rules"). Immutable; <see cref="WithClosureDays"/> returns a new calendar.
/// </summary>
public sealed class StatutoryCalendar
{
    private readonly FrozenSet<DateOnly> closureDays;

    /// <summary>A calendar of <paramref name="bankHolidays"/> and, optionally, the partnership's <paramref name="closureDays"/>.</summary>
    public StatutoryCalendar(BankHolidays bankHolidays, IEnumerable<DateOnly>? closureDays = null)
    {
        ArgumentNullException.ThrowIfNull(bankHolidays);
        BankHolidays = bankHolidays;
        this.closureDays = (closureDays ?? []).ToFrozenSet();
    }

    /// <summary>England and Wales bank holidays from the rules and the one-off changes only, with no closure days.</summary>
    public static StatutoryCalendar EnglandAndWales { get; } = new(BankHolidays.EnglandAndWales);

    public BankHolidays BankHolidays { get; }

    /// <summary>The partnership's own closure days (for example an office closure between Christmas and New Year), in order.</summary>
    public IReadOnlyList<DateOnly> ClosureDays => [.. closureDays.Order()];

    /// <summary>This calendar with <paramref name="days"/> added to its closure days.</summary>
    public StatutoryCalendar WithClosureDays(IEnumerable<DateOnly> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new StatutoryCalendar(BankHolidays, closureDays.Concat(days));
    }

    /// <summary>Monday to Friday, not a bank holiday and not a closure day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !BankHolidays.Contains(date)
        && !closureDays.Contains(date);

    /// <summary>
    /// "<paramref name="n"/> working days after <paramref name="from"/>": for <c>n &gt; 0</c> the n-th working day
    /// strictly after <paramref name="from"/> (which is never counted and may itself be a non-working day); for
    /// <c>n &lt; 0</c> the |n|-th working day strictly before it; for <c>n == 0</c> <paramref name="from"/> unchanged.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int n)
    {
        var step = Math.Sign(n);
        var date = from;
        for (var counted = 0; counted != n; )
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                counted += step;
            }
        }

        return date;
    }

    /// <summary>
    /// Where an automatic send planned for <paramref name="date"/> goes: the date itself when it is a working day,
    /// otherwise the last working day before it (never later).
    /// </summary>
    public DateOnly OnOrBeforeWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : AddWorkingDays(date, -1);

    /// <summary>The England and Wales bank holidays of <paramref name="year"/> in date order (closure days not included).</summary>
    public IReadOnlyList<DateOnly> BankHolidaysIn(int year) => BankHolidays.In(year);

    /// <summary>
    /// "<paramref name="months"/> calendar months after <paramref name="date"/>": the same day of the month, or the
    /// last day of the target month when that day does not exist there (31 January + 1 month = 28 or 29 February).
    /// Negative <paramref name="months"/> count back the same way. Working days play no part.
    /// </summary>
    public static DateOnly AddCalendarMonths(DateOnly date, int months) => date.AddMonths(months); // DateOnly.AddMonths clamps to the month's end.
}
