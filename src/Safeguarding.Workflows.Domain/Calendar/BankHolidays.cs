using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;

namespace Safeguarding.Workflows.Domain.Calendar;

/// <summary>
/// England and Wales bank holidays: the standing rules (Easter computed, weekend holidays replaced by substitute
/// weekdays), the one-off changes the rules cannot know, and dates announced later (for example from the GOV.UK
/// <c>bank-holidays.json</c> file). Every date in the set is a day off as actually taken, so a substitute day is in
/// the set and a holiday falling on a weekend is not.
/// </summary>
/// <remarks>
/// Immutable: <see cref="WithAnnounced"/> returns a new set. The rules are the ones in force since 1978 (early May
/// holiday) and are applied to every year; years before then are not historically accurate, which is why callers that
/// answer people stay within <see cref="FirstKnownYear"/> to <see cref="LastKnownYear"/>.
/// </remarks>
public sealed class BankHolidays
{
    /// <summary>The first year the standing rules and the one-off table give correctly (the early May holiday began in 1978).</summary>
    public const int FirstKnownYear = 1978;

    /// <summary>
    /// The last year answered: after the announced years the dates are the standing rules, which hold until a
    /// proclamation changes them; beyond this no clock of the service reaches.
    /// </summary>
    public const int LastKnownYear = 2200;

    /// <summary>One-off changes by proclamation: days removed from the rules and days added, by year.</summary>
    private static readonly (DateOnly Date, bool Added, string Why)[] OneOffs =
    [
        (new(1981, 7, 29), true, "Royal wedding"),
        (new(1995, 5, 1), false, "Early May bank holiday moved to 8 May (VE day)"),
        (new(1995, 5, 8), true, "Early May bank holiday (VE day)"),
        (new(1999, 12, 31), true, "Millennium celebrations"),
        (new(2002, 5, 27), false, "Spring bank holiday moved to 4 June (Golden Jubilee)"),
        (new(2002, 6, 3), true, "Golden Jubilee bank holiday"),
        (new(2002, 6, 4), true, "Spring bank holiday (moved)"),
        (new(2011, 4, 29), true, "Royal wedding"),
        (new(2012, 5, 28), false, "Spring bank holiday moved to 4 June (Diamond Jubilee)"),
        (new(2012, 6, 4), true, "Spring bank holiday (moved)"),
        (new(2012, 6, 5), true, "Diamond Jubilee bank holiday"),
        (new(2020, 5, 4), false, "Early May bank holiday moved to 8 May (VE day)"),
        (new(2020, 5, 8), true, "Early May bank holiday (VE day)"),
        (new(2022, 5, 30), false, "Spring bank holiday moved to 2 June (Platinum Jubilee)"),
        (new(2022, 6, 2), true, "Spring bank holiday (moved)"),
        (new(2022, 6, 3), true, "Platinum Jubilee bank holiday"),
        (new(2022, 9, 19), true, "State funeral of Queen Elizabeth II"),
        (new(2023, 5, 8), true, "Coronation of King Charles III"),
    ];

    private readonly FrozenSet<DateOnly> announced;

    // Filled lazily, one entry per year asked about; the answer for a year never changes, so sharing it is safe.
    private readonly ConcurrentDictionary<int, FrozenSet<DateOnly>> byYear = new();

    private BankHolidays(FrozenSet<DateOnly> announced) => this.announced = announced;

    /// <summary>The rules and the one-off changes known to this code, without any announced dates.</summary>
    public static BankHolidays EnglandAndWales { get; } = new(FrozenSet<DateOnly>.Empty);

    /// <summary>The dates added by <see cref="WithAnnounced"/>, in order.</summary>
    public IReadOnlyList<DateOnly> Announced => [.. announced.Order()];

    /// <summary>
    /// This set plus announced bank holidays. Announcements only add days: a day the rules give that was moved away
    /// by proclamation must also be removed in this class's one-off table, as 2020 and 2022 are. Weekend dates are ignored,
    /// because only a weekday can be a day off in lieu.
    /// </summary>
    public BankHolidays WithAnnounced(IEnumerable<DateOnly> dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        var added = announced.Concat(dates.Where(IsWeekday)).ToFrozenSet();
        return new BankHolidays(added);
    }

    /// <summary>Whether <paramref name="date"/> is a bank holiday (a day actually taken off, including substitute days).</summary>
    public bool Contains(DateOnly date) => ForYear(date.Year).Contains(date);

    /// <summary>Every bank holiday in <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<DateOnly> In(int year) => [.. ForYear(year).Order()];

    /// <summary>
    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm published by Meeus, after Jones and Butcher).
    /// Valid for every year the <see cref="DateOnly"/> range allows.
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>
    /// Reads the dates of the <c>england-and-wales</c> division from a file in the GOV.UK <c>bank-holidays.json</c>
    /// format (<c>{"england-and-wales": {"division": ..., "events": [{"title", "date", "notes", "bunting"}]}}</c>).
    /// Other divisions and unknown fields are ignored. Returns the dates in order, without duplicates.
    /// </summary>
    /// <exception cref="FormatException">The text is not JSON of that shape, or a date is not <c>YYYY-MM-DD</c>; the message names the place.</exception>
    public static IReadOnlyList<DateOnly> ParseGovUkJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"Not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("england-and-wales", out var division) || division.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("england-and-wales: missing; expected the GOV.UK bank-holidays.json format.");
            }

            if (!division.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("england-and-wales.events: missing or not an array.");
            }

            var dates = new SortedSet<DateOnly>();
            var index = 0;
            foreach (var holiday in events.EnumerateArray())
            {
                var field = $"england-and-wales.events[{index}].date";
                if (holiday.ValueKind != JsonValueKind.Object || !holiday.TryGetProperty("date", out var date) || date.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"{field}: missing.");
                }

                if (!DateOnly.TryParseExact(date.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    throw new FormatException($"{field}: '{date.GetString()}' is not a date of the form YYYY-MM-DD.");
                }

                dates.Add(parsed);
                index++;
            }

            return [.. dates];
        }
    }

    private FrozenSet<DateOnly> ForYear(int year) => byYear.GetOrAdd(year, y => Compute(y, announced));

    private static FrozenSet<DateOnly> Compute(int year, FrozenSet<DateOnly> announced)
    {
        var days = new HashSet<DateOnly>(ByRule(year));
        foreach (var (date, added, _) in OneOffs)
        {
            if (date.Year != year)
            {
                continue;
            }

            if (added)
            {
                days.Add(date);
            }
            else
            {
                days.Remove(date);
            }
        }

        days.UnionWith(announced.Where(d => d.Year == year));
        return days.ToFrozenSet();
    }

    /// <summary>The standing pattern of the eight yearly holidays, with substitute days for those at a weekend.</summary>
    private static IEnumerable<DateOnly> ByRule(int year)
    {
        // New Year's Day at a weekend is taken on the following Monday.
        var newYear = new DateOnly(year, 1, 1);
        yield return newYear.DayOfWeek switch
        {
            DayOfWeek.Saturday => newYear.AddDays(2),
            DayOfWeek.Sunday => newYear.AddDays(1),
            _ => newYear,
        };

        var easter = EasterSunday(year);
        yield return easter.AddDays(-2);
        yield return easter.AddDays(1);

        yield return FirstMonday(year, 5);
        yield return LastMonday(year, 5);
        yield return LastMonday(year, 8);

        // Christmas and Boxing Day: two weekdays off, the later ones when either falls at a weekend.
        var christmas = new DateOnly(year, 12, 25);
        var (first, second) = christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => (25, 28),   // Boxing Day on Saturday: Monday 28th.
            DayOfWeek.Saturday => (27, 28), // both at the weekend: Monday and Tuesday.
            DayOfWeek.Sunday => (26, 27),   // Boxing Day on Monday, Christmas in lieu on Tuesday.
            _ => (25, 26),
        };
        yield return new DateOnly(year, 12, first);
        yield return new DateOnly(year, 12, second);
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }

    private static bool IsWeekday(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
