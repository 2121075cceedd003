using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Host.Tests.Durable;

/// <summary>Automatic emails go at the partnership's send time (Europe/London) on a working day, never at midnight.</summary>
public sealed class SendingTimesTests
{
    private static readonly TimeOnly NineAm = new(9, 0);

    [Theory]
    [InlineData("2026-01-20T00:00:01+00:00", "2026-01-20T09:00:00+00:00")] // a deadline missed at midnight: told at 9am
    [InlineData("2026-01-20T09:00:00+00:00", "2026-01-20T09:00:00+00:00")] // a reminder planned for the send time
    [InlineData("2026-01-20T15:30:00+00:00", "2026-01-20T15:30:00+00:00")] // a late wake on a working day: at once
    [InlineData("2026-01-24T00:00:01+00:00", "2026-01-26T09:00:00+00:00")] // Saturday: Monday at 9am
    [InlineData("2026-12-25T00:00:01+00:00", "2026-12-29T09:00:00+00:00")] // Christmas Day, then Boxing Day (moved to Monday 28th)
    [InlineData("2026-06-01T00:00:01+01:00", "2026-06-01T09:00:00+01:00")] // British Summer Time: 9am in London
    public void Automatic_emails_wait_for_the_next_send_time_on_a_working_day(string now, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), SendingTimes.Next(StatutoryCalendar.EnglandAndWales, NineAm, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
