using System.Text.RegularExpressions;

namespace Safeguarding.Workflows.Domain.Privacy;

/// <summary>
/// The data-minimisation guard for free text the service may put in an email, a title, a log line or a URL (an agency
/// name, an action title, a delay reason, a published report's address). Such text is refused when it
/// <list type="number">
/// <item>looks like a date of birth: any date with a day, a month and a year (<c>03/04/2015</c>, <c>3.4.15</c>,
/// <c>2015-04-03</c>, <c>3 April 2015</c>, <c>April 3rd, 2015</c>, <c>03042015</c>), or the words <c>DOB</c>,
/// <c>date of birth</c>, <c>born</c>;</item>
/// <item>looks like it names a child or a family member: a word for a child or a relative followed by a capitalised
/// name (<c>Child Jayden</c>, <c>baby Smith</c>, but not the pseudonyms <c>Child A</c> / <c>Baby Q1</c> and not
/// service terms such as <c>Child Protection</c>); a capitalised word after <c>called</c>, <c>named</c> or
/// <c>known as</c>; a title and a surname (<c>Mrs Smith</c>); or a capitalised possessive before a relative
/// (<c>Jayden's mother</c>).</item>
/// </list>
/// </summary>
/// <remarks>
/// This is a heuristic backstop, not a guarantee. It cannot recognise a bare first name or surname standing alone
/// ("Jayden", "Smith"), a name written in lower case, or a date written in words only ("the third of April"). Dates
/// with a year are refused even when harmless ("by 31 March 2026"): put dates in the date fields instead. The real
/// protection is the design: emails carry references, agency and staff names, dates and links, and the case details
/// stay behind sign-in.
/// </remarks>
public static partial class IdentifyingText
{
    private static readonly HashSet<string> ServiceTerms = new(StringComparer.OrdinalIgnoreCase)
    {
        "Protection", "Safeguarding", "Practice", "Death", "Deaths", "Sexual", "Criminal", "Exploitation", "Health", "Care",
        "Poverty", "Services", "Service", "Social", "Mental", "Abuse", "Neglect", "Development", "Review", "Reviews", "In",
        "Looked", "Arrangements", "Contact", "Trafficking", "Rights", "Minding", "Centre", "Centres", "Benefit", "Maintenance",
        "Panel", "Safety", "Welfare", "Disability", "Disabilities", "Friendly", "Family", "Families", "And", "Or", "Of",
        "The", "To", "For", "With", "On", "At", "Plan", "Plans", "Missing", "Online", "Sleep", "Bereavement", "Carers",
    };

    /// <summary>Null when <paramref name="text"/> passes; otherwise what looks identifying (the text itself is never repeated).</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (LooksLikeDateOfBirth(text))
        {
            return "This looks like it holds a date of birth. Emails and titles must not identify a child: leave dates out of free text.";
        }

        if (LooksLikeChildName(text))
        {
            return "This looks like it names a child or a family member. Use a case reference or a pseudonym such as 'Child A'.";
        }

        return null;
    }

    /// <summary>Only the date-of-birth check: for fields that are a member of staff's own name, where names are expected.</summary>
    public static string? DateProblem(string? text) =>
        !string.IsNullOrWhiteSpace(text) && LooksLikeDateOfBirth(text)
            ? "This looks like it holds a date of birth. Leave dates out of names."
            : null;

    public static bool LooksLikeDateOfBirth(string text)
    {
        foreach (Match m in DayMonthYear().Matches(text))
        {
            if (IsDay(m.Groups["a"].Value, m.Groups["b"].Value) || IsDay(m.Groups["b"].Value, m.Groups["a"].Value))
            {
                return true;
            }
        }

        foreach (Match m in YearMonthDay().Matches(text))
        {
            if (IsDay(m.Groups["d"].Value, m.Groups["m"].Value))
            {
                return true;
            }
        }

        foreach (Match m in CompactDate().Matches(text))
        {
            if (IsDay(m.Groups["d"].Value, m.Groups["m"].Value))
            {
                return true;
            }
        }

        return DayMonthNameYear().IsMatch(text) || MonthNameDayYear().IsMatch(text) || BirthWords().IsMatch(text);
    }

    public static bool LooksLikeChildName(string text)
    {
        foreach (Match m in ChildWordThenName().Matches(text))
        {
            if (m.Groups["verb"].Success || !ServiceTerms.Contains(m.Groups["name"].Value))
            {
                return true;
            }
        }

        return NamingVerbThenName().IsMatch(text) || TitleThenName().IsMatch(text) || PossessiveRelative().IsMatch(text);
    }

    private static bool IsDay(string day, string month) =>
        int.TryParse(day, out var d) && int.TryParse(month, out var m) && m is >= 1 and <= 12 && d >= 1 && d <= 31;

    private const string Months =
        "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    private const string ChildWords =
        "child|baby|infant|toddler|new-?born|boy|girl|son|daughter|brother|sister|sibling|twin|pupil|teenager|young person|mother|father|mum|dad|parent|carer|stepfather|stepmother|grandmother|grandfather|nan|aunt|uncle|cousin";

    // 03/04/2015, 3.4.15, 3-4-2015 (day and month either way round: both are dates).
    [GeneratedRegex(@"(?<!\d[/.-]?)(?<a>\d{1,2})\s?[/.-]\s?(?<b>\d{1,2})\s?[/.-]\s?(?:\d{4}|\d{2})(?![/.-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    // 2015-04-03, 2015/4/3.
    [GeneratedRegex(@"(?<!\d[/.-]?)(?:19|20)\d{2}[/.-](?<m>\d{1,2})[/.-](?<d>\d{1,2})(?![/.-]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex YearMonthDay();

    // 03042015 (ddMMyyyy).
    [GeneratedRegex(@"(?<!\d)(?<d>\d{2})(?<m>\d{2})(?:19|20)\d{2}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex CompactDate();

    // 3 April 2015, 3rd of Apr. 15.
    [GeneratedRegex(@"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + Months + @")\.?,?\s+'?(?:\d{4}|\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthNameYear();

    // April 3rd, 2015.
    [GeneratedRegex(@"\b(?:" + Months + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\d{4}|'\d{2})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthNameDayYear();

    [GeneratedRegex(@"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|born)(?![a-z])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BirthWords();

    // "Child Jayden", "baby called Smith"; a capitalised word of two or more letters, so "Child A" (a pseudonym) passes.
    [GeneratedRegex(@"\b(?i:" + ChildWords + @")s?\s+(?<verb>(?i:called|named|known\s+as)\s+)?(?<name>[A-Z][a-z][a-z'’-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex ChildWordThenName();

    [GeneratedRegex(@"\b(?i:called|named|known\s+as)\s+[A-Z][a-z][a-z'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex NamingVerbThenName();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Master)\.?\s+[A-Z][a-z][a-z'’-]*", RegexOptions.CultureInvariant)]
    private static partial Regex TitleThenName();

    [GeneratedRegex(@"\b[A-Z][a-z]+['’]s\s+(?i:" + ChildWords + @")s?\b", RegexOptions.CultureInvariant)]
    private static partial Regex PossessiveRelative();
}
