using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Notifications.Calendar;

/// <summary>
/// Turns a process's <see cref="CalendarInvite"/> into an iCalendar (RFC 5545/5546) invitation: <c>METHOD:REQUEST</c>
/// for a new or moved meeting (a higher <c>SEQUENCE</c> replaces the earlier one in the recipient's calendar) and
/// <c>METHOD:CANCEL</c> to withdraw it. Times are written in UTC so no time zone definition is needed.
/// </summary>
public static class InviteCalendar
{
    public const string FileName = "invite.ics";

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
        var cancelled = invite.Method == InviteMethod.Cancel;
        var calendarEvent = new CalendarEvent
        {
            Uid = invite.Uid,
            Sequence = invite.Sequence,
            Summary = invite.Title,
            Location = invite.Location,
            DtStart = Utc(invite.StartsAt),
            DtEnd = Utc(invite.EndsAt),
            DtStamp = Utc(stamp),
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

    private static CalDateTime Utc(DateTimeOffset instant) => new(instant.UtcDateTime);
}
