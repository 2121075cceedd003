using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Drills;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Orchestration.Deadlines;

/// <summary>
/// When an automatic email (one a timer decided: a reminder, a chase, a "missed" notice) may go out: at or after the
/// partnership's <c>timescales.sendTime</c> (Europe/London) on a working day of its calendar, never at midnight or at a
/// weekend. An email decided outside that window waits for the next send time. Emails a person's action causes go at
/// once, and drills (which time the engine itself) are not held.
/// </summary>
public sealed class SendingTimes(PartnershipDirectory partnerships)
{
    /// <summary>The earliest instant from <paramref name="now"/> at which the process's automatic emails may go.</summary>
    public DateTimeOffset Next(ProcessKey process, DateTimeOffset now)
    {
        if (process.Kind == DrillProcess.Kind || partnerships.Find(process.PartnershipId) is not { } partnership)
        {
            return now;
        }

        return Next(partnerships.CalendarFor(process.PartnershipId), partnership.Timescales.SendTime, now);
    }

    public static DateTimeOffset Next(StatutoryCalendar calendar, TimeOnly sendTime, DateTimeOffset now)
    {
        var today = LondonTime.LocalDate(now);
        if (calendar.IsWorkingDay(today))
        {
            var todayAt = LondonTime.At(today, sendTime);
            return now >= todayAt ? now : todayAt;
        }

        return LondonTime.At(calendar.AddWorkingDays(today, 1), sendTime);
    }
}

/// <summary>An automatic email kept with the process until its <see cref="SendAt"/> (see <see cref="SendingTimes"/>).</summary>
public sealed record HeldEmail(OutgoingEmail Email, DateTimeOffset SendAt);
