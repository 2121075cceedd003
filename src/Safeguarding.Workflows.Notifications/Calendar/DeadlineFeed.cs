using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Safeguarding.Workflows.Notifications.Calendar;

/// <summary>
/// One open deadline as a calendar entry: an all-day event on its date. <see cref="Uid"/> stays the same while the
/// deadline is open, so a subscribed calendar moves the entry when the date moves and drops it once it is met or
/// cancelled (the feed no longer lists it). <see cref="Summary"/> carries case references only, never a child's details.
/// </summary>
public sealed record FeedEntry(string Uid, DateOnly On, string Summary, Uri? Link);

/// <summary>A subscribable iCalendar (RFC 5545) of deadlines, as Outlook and other calendars poll it.</summary>
public static class DeadlineFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string ToIcs(string name, IEnumerable<FeedEntry> entries, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Safeguarding Workflows//Deadlines//EN" };
        // The name calendars show for the subscription, and how often to look again (Outlook honours the first).
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        foreach (var entry in entries)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = entry.Uid,
                Summary = entry.Summary,
                DtStart = new CalDateTime(entry.On.Year, entry.On.Month, entry.On.Day),
                DtEnd = new CalDateTime(entry.On.AddDays(1).Year, entry.On.AddDays(1).Month, entry.On.AddDays(1).Day),
                DtStamp = new CalDateTime(stamp.UtcDateTime),
                Transparency = "TRANSPARENT", // a deadline does not make anyone busy
                Url = entry.Link,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar could not be serialised.");
    }
}
