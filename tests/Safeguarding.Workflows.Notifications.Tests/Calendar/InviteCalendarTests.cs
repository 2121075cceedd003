using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Calendar;

namespace Safeguarding.Workflows.Notifications.Tests.Calendar;

public sealed class InviteCalendarTests
{
    private static readonly EmailRecipient[] Attendees = [new("Safeguarding Lead", "lead@agency.example"), new("Chair", "chair@partnership.example")];

    private static string Ics(CalendarInvite invite) => InviteCalendar.ToIcs(invite, "safeguarding@partnership.example", Attendees, Messages.CreatedAt);

    // iCalendar folds long lines at 75 octets; unfold before looking for a property.
    private static string[] Lines(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");

    [Fact]
    public void A_new_meeting_is_a_request_with_uid_sequence_and_utc_times()
    {
        var lines = Lines(Ics(Messages.Invite(sequence: 0)));

        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("UID:solihull/meeting/m-2026-12-board", lines);
        Assert.Contains("SEQUENCE:0", lines);
        Assert.Contains("DTSTART:20261201T100000Z", lines);
        Assert.Contains("DTEND:20261201T120000Z", lines);
        Assert.Contains("DTSTAMP:20261123T090000Z", lines);
        Assert.Contains("SUMMARY:Partnership board", lines);
        Assert.Contains("STATUS:CONFIRMED", lines);
        Assert.Contains("ORGANIZER:mailto:safeguarding@partnership.example", lines);
        Assert.Contains(lines, l => l.StartsWith("ATTENDEE;", StringComparison.Ordinal) && l.Contains("CN=Chair") && l.EndsWith(":mailto:chair@partnership.example", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("LOCATION:Council House", StringComparison.Ordinal));
    }

    [Fact]
    public void An_update_keeps_the_uid_with_a_higher_sequence()
    {
        var moved = Messages.Invite(sequence: 2) with { StartsAt = new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), EndsAt = new DateTimeOffset(2026, 12, 8, 11, 0, 0, TimeSpan.Zero) };

        var lines = Lines(Ics(moved));

        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains("UID:solihull/meeting/m-2026-12-board", lines);
        Assert.Contains("SEQUENCE:2", lines);
        Assert.Contains("DTSTART:20261208T100000Z", lines);
    }

    [Fact]
    public void A_cancellation_is_method_cancel()
    {
        var lines = Lines(Ics(Messages.Invite(sequence: 3, InviteMethod.Cancel)));

        Assert.Contains("METHOD:CANCEL", lines);
        Assert.Contains("STATUS:CANCELLED", lines);
        Assert.Contains("SEQUENCE:3", lines);
        Assert.Contains("UID:solihull/meeting/m-2026-12-board", lines);
    }

    [Fact]
    public void London_summer_time_is_converted_to_utc()
    {
        // 10:00 in London during British Summer Time is 09:00 UTC.
        var summer = Messages.Invite() with
        {
            StartsAt = new DateTimeOffset(2026, 6, 4, 10, 0, 0, TimeSpan.FromHours(1)),
            EndsAt = new DateTimeOffset(2026, 6, 4, 11, 30, 0, TimeSpan.FromHours(1)),
        };

        var lines = Lines(Ics(summer));

        Assert.Contains("DTSTART:20260604T090000Z", lines);
        Assert.Contains("DTEND:20260604T103000Z", lines);
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
