using System.Globalization;
using System.Text.RegularExpressions;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// A meeting's start as the pages ask for it: a GOV.UK date input and a time typed as "10:00", "10am" or "2:30pm",
/// in London time; and the words the pages show it in ("10:00am").
/// </summary>
public static partial class MeetingWhen
{
    /// <summary>
    /// Reads the date (<paramref name="dateId"/>) and start time (<paramref name="timeId"/>) and answers the London local
    /// start as the API takes it (<c>2027-02-04T10:00</c>), or null with the errors on the form.
    /// </summary>
    public static string? Read(FormState form, string dateId, string timeId, DateTimeOffset now)
    {
        var date = form.Date(dateId, "The date of the meeting");
        if (date is null && form.ErrorFor(dateId) is null)
        {
            form.Fail(dateId, "Enter the date of the meeting", dateId + "-day");
        }

        var timeText = form.Value(timeId);
        TimeOnly? time = null;
        if (timeText.Length == 0)
        {
            form.Fail(timeId, "Enter the start time");
        }
        else if ((time = ParseTime(timeText)) is null)
        {
            form.Fail(timeId, "Enter the start time as a time of day, like 10:00 or 2pm");
        }

        if (date is null || time is not { } at)
        {
            return null;
        }

        var on = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var instant = LondonTime.At(on, at);
        if (instant <= now)
        {
            form.Fail(dateId, "The date and start time of the meeting must be in the future", dateId + "-day");
            return null;
        }

        if (instant > now.AddYears(5))
        {
            form.Fail(dateId, "The date of the meeting must be within five years", dateId + "-day");
            return null;
        }

        return $"{date}T{at:HH\\:mm}";
    }

    /// <summary>"10:00", "10am", "10.30am", "2:30 pm", "14:00" → the time; null when it is not a time of day.</summary>
    public static TimeOnly? ParseTime(string text)
    {
        var match = TimeOfDay().Match(text.Trim().ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = match.Groups["half"].Value;
        if (half.Length > 0)
        {
            if (hour is < 1 or > 12)
            {
                return null;
            }

            hour = (hour % 12) + (half == "pm" ? 12 : 0);
        }
        else if (!match.Groups["m"].Success)
        {
            return null; // "10" alone: morning or evening?
        }

        return hour < 24 && minute < 60 ? new TimeOnly(hour, minute) : null;
    }

    /// <summary>An instant's London time of day: "10:00am", "2:30pm", "12:00pm".</summary>
    public static string Time(DateTimeOffset instant) => Time(TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, LondonTime.Zone).DateTime));

    /// <summary>A time of day: "10:00am", "2:30pm", "12:00pm".</summary>
    public static string Time(TimeOnly local)
    {
        var hour = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
        return string.Create(CultureInfo.InvariantCulture, $"{hour}:{local:mm}{(local.Hour < 12 ? "am" : "pm")}");
    }

    /// <summary>An instant's London date: "4 February 2027".</summary>
    public static string Date(DateTimeOffset instant) => Show.Date(LondonTime.LocalDate(instant));

    /// <summary>The time as the form shows it again: "10:00".</summary>
    public static string Input(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, LondonTime.Zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?\s*(?<half>am|pm)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();
}
