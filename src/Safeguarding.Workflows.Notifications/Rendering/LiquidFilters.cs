using System.Globalization;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>
/// Filters templates may use besides Liquid's standard ones (names in snake_case: <c>{{ dueOn | long_date }}</c>).
/// Dates are shown as the law counts them, in Europe/London. A value that is not a date fails loudly.
/// </summary>
public static class LiquidFilters
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary><c>2026-12-01</c> (or an instant) → <c>Tuesday 1 December 2026</c>.</summary>
    public static string LongDate(object? input) =>
        ToLondonDate(input).ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>An instant → <c>Tuesday 1 December 2026 at 10:00</c> London time.</summary>
    public static string LondonTime(object? input)
    {
        var local = TimeZoneInfo.ConvertTime(ParseInstant(input), London);
        return local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture);
    }

    private static DateOnly ToLondonDate(object? input)
    {
        var text = Convert.ToString(input, CultureInfo.InvariantCulture) ?? "";
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ParseInstant(input), London).DateTime);
    }

    private static DateTimeOffset ParseInstant(object? input)
    {
        var text = Convert.ToString(input, CultureInfo.InvariantCulture) ?? "";
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant
            : throw new EmailContentException($"'{text}' is not a date (YYYY-MM-DD) or an ISO 8601 instant.");
    }
}
