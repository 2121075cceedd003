using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Notifications.Calendar;

/// <summary>
/// Turns a process's <see cref="CalendarInvite"/> into an iCalendar (RFC 5545/5546) invitation: <c>METHOD:REQUEST</c>
/// for a new or moved meeting (a higher <c>SEQUENCE</c> replaces the earlier one in the recipient's calendar) and
/// <c>METHOD:CANCEL</c> to withdraw it. Meeting times are London local times (<c>TZID=Europe/London</c>) with the
/// zone's <c>VTIMEZONE</c>, so every client shows the meeting at the time the partnership set, not in UTC.
/// </summary>
public static class InviteCalendar
{
    public const string FileName = "invite.ics";

    public const string TimeZoneId = "Europe/London";

    public static string MethodName(InviteMethod method) => method switch
    {
        InviteMethod.Request => "REQUEST",
        InviteMethod.Cancel => "CANCEL",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <param name="organizer">The address replies go to: the sending mailbox.</param>
    /// <param name="stamp">DTSTAMP: when the process decided to send it, so rendering the same message twice gives the same file.</param>
    public static string ToIcs(CalendarInvite invite, string organizer, IEnumerable<EmailRecipient> attendees, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var calendar = new Ical.Net.Calendar
        {
            ProductId = "-//Safeguarding Workflows//Email//EN",
            Method = MethodName(invite.Method),
        };
        calendar.AddChild(London());
        var cancelled = invite.Method == InviteMethod.Cancel;
        var calendarEvent = new CalendarEvent
        {
            Uid = invite.Uid,
            Sequence = invite.Sequence,
            Summary = invite.Title,
            Location = invite.Location,
            DtStart = Local(invite.StartsAt),
            DtEnd = Local(invite.EndsAt),
            DtStamp = new CalDateTime(stamp.UtcDateTime), // RFC 5545: DTSTAMP is always UTC
            Status = cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer("mailto:" + organizer),
        };
        foreach (var attendee in attendees)
        {
            calendarEvent.Attendees.Add(new Attendee("mailto:" + attendee.Email)
            {
                CommonName = attendee.Name,
                Role = "REQ-PARTICIPANT",
                ParticipationStatus = cancelled ? null : "NEEDS-ACTION",
                Rsvp = !cancelled,
            });
        }

        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The invitation could not be serialised.");
    }

    public static EmailAttachment ToAttachment(CalendarInvite invite, string organizer, IEnumerable<EmailRecipient> attendees, DateTimeOffset stamp) =>
        new(FileName, $"text/calendar; method={MethodName(invite.Method)}; charset=UTF-8", Encoding.UTF8.GetBytes(ToIcs(invite, organizer, attendees, stamp)));

    private static CalDateTime Local(DateTimeOffset instant) => new(TimeZoneInfo.ConvertTime(instant, LondonTime.Zone).DateTime, TimeZoneId);

    /// <summary>
    /// The UK rules written out rather than read from a time zone database, so the file is the same on every machine:
    /// British Summer Time from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
    /// (in force since 1996; DTSTART is the local time of the first change under them).
    /// </summary>
    private static VTimeZone London()
    {
        var zone = new VTimeZone(TimeZoneId);
        zone.AddChild(Observance("STANDARD", "GMT", from: 1, to: 0, new DateTime(1996, 10, 27, 2, 0, 0), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
        zone.AddChild(Observance("DAYLIGHT", "BST", from: 0, to: 1, new DateTime(1996, 3, 31, 1, 0, 0), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
        return zone;
    }

    private static VTimeZoneInfo Observance(string kind, string name, int from, int to, DateTime localStart, string rule) =>
        new VTimeZoneInfo(kind)
        {
            TimeZoneName = name,
            OffsetFrom = new UtcOffset(TimeSpan.FromHours(from)),
            OffsetTo = new UtcOffset(TimeSpan.FromHours(to)),
            DtStart = new CalDateTime(localStart),
            RecurrenceRule = new RecurrenceRule(rule),
        };
}
