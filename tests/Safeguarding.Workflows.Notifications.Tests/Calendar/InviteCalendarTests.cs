using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Calendar;

namespace Safeguarding.Workflows.Notifications.Tests.Calendar;

/// <summary>Every kind of invitation is read back by Ical.Net's parser, as a calendar client would read it.</summary>
public sealed class InviteCalendarTests
{
    private static readonly EmailRecipient[] Attendees = [new("Safeguarding Lead", "lead@agency.example"), new("Chair", "chair@partnership.example")];

    private static readonly CalendarInvite Moved = Messages.Invite(sequence: 2) with
    {
        StartsAt = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero),
        EndsAt = new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero),
    };

    private static string Ics(CalendarInvite invite) => InviteCalendar.ToIcs(invite, "safeguarding@partnership.example", Attendees, Messages.CreatedAt);

    private static Ical.Net.Calendar Parsed(CalendarInvite invite) =>
        Ical.Net.Calendar.Load(Ics(invite)) ?? throw new InvalidOperationException("Ical.Net read no calendar.");

    // iCalendar folds long lines at 75 octets; unfold before looking for a property.
    private static string[] Lines(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");

    public static TheoryData<string, CalendarInvite, string, int> EveryKind => new()
    {
        { "new", Messages.Invite(sequence: 0), "REQUEST", 0 },
        { "update", Moved, "REQUEST", 2 },
        { "cancel", Messages.Invite(sequence: 3, InviteMethod.Cancel), "CANCEL", 3 },
    };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Every_kind_parses_with_its_method_uid_sequence_and_london_times(string kind, CalendarInvite invite, string method, int sequence)
    {
        var calendar = Parsed(invite);

        Assert.Equal(method, calendar.Method);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/London", zone.TzId);
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal("solihull/meeting/m-2026-12-board", meeting.Uid);
        Assert.Equal(sequence, meeting.Sequence);
        Assert.Equal("Europe/London", meeting.DtStart!.TzId);
        Assert.Equal("Europe/London", meeting.DtEnd!.TzId);
        Assert.Equal(invite.StartsAt.UtcDateTime, meeting.DtStart.AsUtc);
        Assert.Equal(invite.EndsAt.UtcDateTime, meeting.DtEnd.AsUtc);
        Assert.Equal(kind == "cancel" ? "CANCELLED" : "CONFIRMED", meeting.Status);
        Assert.Equal("mailto:safeguarding@partnership.example", meeting.Organizer!.Value!.ToString());
        Assert.Equal(["mailto:lead@agency.example", "mailto:chair@partnership.example"], meeting.Attendees.Select(a => a.Value!.ToString()));
    }

    [Fact]
    public void The_time_zone_is_the_uk_rules()
    {
        var zone = Assert.Single(Parsed(Messages.Invite()).TimeZones);

        var daylight = Assert.Single(zone.TimeZoneInfos, i => i.Name == "DAYLIGHT");
        var standard = Assert.Single(zone.TimeZoneInfos, i => i.Name == "STANDARD");
        Assert.Equal(("BST", TimeSpan.Zero, TimeSpan.FromHours(1)), (daylight.TimeZoneName, daylight.OffsetFrom!.Offset, daylight.OffsetTo!.Offset));
        Assert.Equal(("GMT", TimeSpan.FromHours(1), TimeSpan.Zero), (standard.TimeZoneName, standard.OffsetFrom!.Offset, standard.OffsetTo!.Offset));
        // Summer time begins at 01:00 GMT (local) and ends at 02:00 BST (01:00 UTC), on the last Sunday of the month.
        Assert.Equal("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", daylight.RecurrenceRule!.ToString());
        Assert.Equal("FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", standard.RecurrenceRule!.ToString());
        Assert.Equal(new TimeOnly(1, 0), TimeOnly.FromDateTime(daylight.DtStart!.Value));
        Assert.Equal(new TimeOnly(2, 0), TimeOnly.FromDateTime(standard.DtStart!.Value));
    }

    [Fact]
    public void A_winter_meeting_is_written_in_london_time()
    {
        var lines = Lines(Ics(Messages.Invite()));

        Assert.Contains("DTSTART;TZID=Europe/London:20261201T100000", lines);
        Assert.Contains("DTEND;TZID=Europe/London:20261201T120000", lines);
        Assert.Contains("DTSTAMP:20261123T090000Z", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("DTSTART", StringComparison.Ordinal) && l.EndsWith('Z'));
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE;", StringComparison.Ordinal) && l.Contains("CN=Chair") && l.EndsWith(":mailto:chair@partnership.example", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("LOCATION:Council House", StringComparison.Ordinal));
    }

    [Fact]
    public void A_summer_meeting_is_written_in_british_summer_time()
    {
        // 09:00 UTC in June is 10:00 in London.
        var summer = Messages.Invite() with
        {
            StartsAt = new DateTimeOffset(2026, 6, 4, 9, 0, 0, TimeSpan.Zero),
            EndsAt = new DateTimeOffset(2026, 6, 4, 10, 30, 0, TimeSpan.Zero),
        };

        var lines = Lines(Ics(summer));
        var meeting = Assert.Single(Parsed(summer).Events);

        Assert.Contains("DTSTART;TZID=Europe/London:20260604T100000", lines);
        Assert.Contains("DTEND;TZID=Europe/London:20260604T113000", lines);
        Assert.Equal(new DateTime(2026, 6, 4, 9, 0, 0, DateTimeKind.Utc), meeting.DtStart!.AsUtc);
    }

    [Fact]
    public void A_cancellation_asks_for_no_replies()
    {
        var meeting = Assert.Single(Parsed(Messages.Invite(sequence: 3, InviteMethod.Cancel)).Events);

        Assert.All(meeting.Attendees, a => Assert.False(a.Rsvp));
    }

    [Fact]
    public void The_attachment_is_invite_ics_with_the_method_in_its_content_type()
    {
        var attachment = InviteCalendar.ToAttachment(Messages.Invite(sequence: 1, InviteMethod.Cancel), "a@b.example", Attendees, Messages.CreatedAt);

        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal("text/calendar; method=CANCEL; charset=UTF-8", attachment.ContentType);
        Assert.StartsWith("BEGIN:VCALENDAR", System.Text.Encoding.UTF8.GetString(attachment.Content));
    }

    [Fact]
    public void The_same_invitation_renders_the_same_file()
    {
        Assert.Equal(Ics(Messages.Invite(sequence: 1)), Ics(Messages.Invite(sequence: 1)));
    }
}
