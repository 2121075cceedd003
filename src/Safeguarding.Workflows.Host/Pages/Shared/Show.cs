using System.Globalization;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>How pages write dates, times and the service's kebab-case names (GOV.UK style: "5 January 2026", "9:00am").</summary>
public static partial class Show
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>An instant as Europe/London local date and time.</summary>
    public static string Time(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, LondonTime.Zone);
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(English, $"{local:d MMMM yyyy} at {hour}:{local:mm}{(local.Hour < 12 ? "am" : "pm")}");
    }

    /// <summary>A history entry's detail with its ISO dates in words: "aware on 2027-02-09" → "aware on 9 February 2027".</summary>
    public static string Detail(string detail) => IsoDate().Replace(detail, m =>
        DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Date(date) : m.Value);

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    /// <summary><c>panel-notification</c> → "Panel notification"; <c>action:a-1</c> → "Action: a-1".</summary>
    public static string Name(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        var head = (colon < 0 ? name : name[..colon]).Replace('-', ' ');
        head = head.Length == 0 ? head : char.ToUpperInvariant(head[0]) + head[1..];
        return colon < 0 ? head : $"{head}: {name[(colon + 1)..]}";
    }

    /// <summary>A process kind in words, singular ("rapid review").</summary>
    public static string Kind(string kind) => kind.Replace('-', ' ');

    /// <summary>A process kind in words, capitalised ("Rapid review").</summary>
    public static string KindTitle(string kind)
    {
        var words = Kind(kind);
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }

    /// <summary>A process kind in words, capitalised and plural ("Rapid reviews").</summary>
    public static string KindPlural(string kind)
    {
        var words = KindTitle(kind);
        return words.EndsWith('y') && !words.EndsWith("ay", StringComparison.Ordinal) ? words[..^1] + "ies" : words + "s";
    }

    /// <summary>How late an overdue deadline is: "3 working days late".</summary>
    public static string Late(int workingDays) => workingDays switch
    {
        0 => "less than a working day late",
        1 => "1 working day late",
        _ => $"{workingDays} working days late",
    };

    /// <summary>How long is left before a deadline: "due today", "in 3 working days".</summary>
    public static string Left(int workingDays, bool dueToday) => (workingDays, dueToday) switch
    {
        (_, true) => "due today",
        (0, _) => "before the next working day",
        (1, _) => "in 1 working day",
        _ => $"in {workingDays} working days",
    };

    /// <summary>The GOV.UK tag of a deadline: overdue is red.</summary>
    public static (string Text, string Css) Tag(Deadline deadline) => deadline.State switch
    {
        _ when deadline.IsOverdue => ("Overdue", "govuk-tag--red"),
        DeadlineState.Missed when deadline.PassedOnAt is not null && deadline.MetAt is null => ("Passed on", "govuk-tag--grey"),
        DeadlineState.Missed => ("Met late", "govuk-tag--orange"),
        DeadlineState.Met => ("Met", "govuk-tag--green"),
        DeadlineState.Waived => ("Waived", "govuk-tag--grey"),
        _ => ("Pending", "govuk-tag--blue"),
    };

    public static (string Text, string Css) Tag(ProcessStatus status) => status switch
    {
        ProcessStatus.Open => ("Open", "govuk-tag--blue"),
        ProcessStatus.Completed => ("Completed", "govuk-tag--green"),
        _ => ("Cancelled", "govuk-tag--grey"),
    };
}
