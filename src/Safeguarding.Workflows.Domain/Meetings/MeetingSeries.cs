using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>A paper every meeting of a series asks for (the performance report, say), with its usual author.</summary>
public sealed record StandingPaper(string Title, AgencyContact Author);

/// <summary>One meeting of a series: its number (0 for the first), the date the rule gives, and the date it is held.</summary>
/// <param name="NominalOn">The date the rule gives (the second Tuesday of the month, say).</param>
/// <param name="On">The date it is held: <paramref name="NominalOn"/>, or the next working day when that is not one.</param>
public sealed record SeriesOccurrence(int Number, DateOnly NominalOn, DateOnly On);

/// <summary>
/// A recurring meeting ("the partnership board meets monthly"): the rule that gives its dates and what each meeting
/// asks for. The series keeps its next <see cref="Ahead"/> meetings scheduled; each occurrence is always the same
/// meeting (<see cref="MeetingId"/>), so scheduling again changes nothing.
/// <para>
/// The rule: every <see cref="EveryMonths"/> months, on the same weekday in the same week of the month as the first
/// meeting (first held on the second Tuesday, then always the second Tuesday). A first meeting in the fifth week of its
/// month is then on the last such weekday. A date that is not a working day (a bank holiday, or one of the
/// partnership's closure days) moves to the next working day.
/// </para>
/// </summary>
public sealed partial record MeetingSeries(
    string Id,
    string Title,
    DateOnly FirstOn,
    TimeOnly StartsAt,
    string? Location,
    int EveryMonths,
    int Ahead,
    ImmutableList<StandingPaper> Papers)
{
    public const int MaxIdLength = 40;
    public const int MaxAhead = 12;
    public const int MaxStandingPapers = 10;
    public static readonly IReadOnlyList<int> Frequencies = [1, 2, 3];

    /// <summary>The date the rule gives for meeting <paramref name="number"/> (0 is the first).</summary>
    public DateOnly NominalOn(int number)
    {
        var month = new DateOnly(FirstOn.Year, FirstOn.Month, 1).AddMonths(number * EveryMonths);
        var week = (FirstOn.Day - 1) / 7; // 0 for the first week, 4 for the fifth
        var first = month.AddDays(((int)FirstOn.DayOfWeek - (int)month.DayOfWeek + 7) % 7);
        return week < 4 ? first.AddDays(7 * week) : LastInMonth(month, FirstOn.DayOfWeek);
    }

    /// <summary>Meeting <paramref name="number"/>: the rule's date, moved to the next working day when it is not one.</summary>
    public SeriesOccurrence Occurrence(int number, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var nominal = NominalOn(number);
        return new(number, nominal, calendar.IsWorkingDay(nominal) ? nominal : calendar.AddWorkingDays(nominal, 1));
    }

    /// <summary>
    /// The meetings to keep scheduled at <paramref name="now"/>: the next <see cref="Ahead"/> that have not started yet.
    /// </summary>
    public IReadOnlyList<SeriesOccurrence> Upcoming(DateTimeOffset now, StatutoryCalendar calendar)
    {
        var upcoming = new List<SeriesOccurrence>();
        for (var n = 0; upcoming.Count < Ahead && n < 1200; n++)
        {
            var occurrence = Occurrence(n, calendar);
            if (StartOf(occurrence) > now)
            {
                upcoming.Add(occurrence);
            }
        }

        return upcoming;
    }

    public DateTimeOffset StartOf(SeriesOccurrence occurrence) => LondonTime.At(occurrence.On, StartsAt);

    /// <summary>The meeting's id: the series' id and the month the rule gives (<c>board-2027-02</c>), the same however the date moves.</summary>
    public string MeetingId(SeriesOccurrence occurrence) =>
        $"{Id}-{occurrence.NominalOn.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>What scheduling the occurrence asks for: the series' title, time and place, and its standing papers.</summary>
    public MeetingRequest RequestFor(SeriesOccurrence occurrence)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return new MeetingRequest(Title, StartOf(occurrence), Location, [.. Papers.Select(p => new PaperRequest(PaperId(p.Title, taken), p.Title, p.Author))]);
    }

    /// <summary>The rule in words: "Every month on the second Tuesday".</summary>
    public string RuleText()
    {
        var week = (FirstOn.Day - 1) / 7;
        var which = week switch { 0 => "first", 1 => "second", 2 => "third", 3 => "fourth", _ => "last" };
        var every = EveryMonths == 1 ? "Every month" : $"Every {EveryMonths} months";
        return $"{every} on the {which} {FirstOn.DayOfWeek}";
    }

    /// <summary>A paper id from its title: lower-case letters, digits and hyphens, at most 40, unique in the meeting.</summary>
    public static string PaperId(string title, HashSet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(taken);
        var words = NotIdCharacters().Replace(title.ToLowerInvariant(), "-").Trim('-');
        words = words.Length == 0 ? "paper" : words[..Math.Min(words.Length, 36)].TrimEnd('-');
        var id = words;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{words}-{n}";
        }

        return id;
    }

    private static DateOnly LastInMonth(DateOnly month, DayOfWeek day)
    {
        var last = month.AddMonths(1).AddDays(-1);
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotIdCharacters();
}
