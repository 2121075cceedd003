using System.Collections.Immutable;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>
/// The dates docs/design/statutory-rules.md §1 derives from a meeting's local date and the partnership's timescales. All are
/// Europe/London local dates; sends go out at the partnership's send time (09:00) on them.
/// </summary>
/// <param name="MeetingOn">The London date of the meeting.</param>
/// <param name="CirculationOn">Agenda and papers go out: the meeting date minus <c>circulationDaysBeforeMeeting</c> calendar days, moved back to a working day.</param>
/// <param name="PaperDeadlineOn"><c>paperDeadlineWorkingDaysBeforeCirculation</c> working days before circulation.</param>
/// <param name="AuthorRemindersOn">Authors whose paper is awaited are reminded <c>authorReminderWorkingDaysBeforePaperDeadline</c> working days before the paper deadline, and on the day.</param>
/// <param name="ChasersOn">Every working day strictly after the paper deadline and strictly before circulation (on circulation day the pack itself goes).</param>
/// <param name="NotesDueOn">Notes and actions are due <c>notesWithinWorkingDays</c> working days after the meeting.</param>
public sealed record MeetingDates(
    DateOnly MeetingOn,
    DateOnly CirculationOn,
    DateOnly PaperDeadlineOn,
    ImmutableList<DateOnly> AuthorRemindersOn,
    ImmutableList<DateOnly> ChasersOn,
    DateOnly NotesDueOn)
{
    public static MeetingDates For(DateOnly meetingOn, PartnershipTimescales timescales, StatutoryCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(timescales);
        ArgumentNullException.ThrowIfNull(calendar);
        var circulationOn = calendar.OnOrBeforeWorkingDay(meetingOn.AddDays(-timescales.CirculationDaysBeforeMeeting));
        var paperDeadlineOn = calendar.AddWorkingDays(circulationOn, -timescales.PaperDeadlineWorkingDaysBeforeCirculation);
        var reminders = new[] { calendar.AddWorkingDays(paperDeadlineOn, -timescales.AuthorReminderWorkingDaysBeforePaperDeadline), paperDeadlineOn }
            .Distinct()
            .ToImmutableList();
        var chasers = ImmutableList.CreateBuilder<DateOnly>();
        for (var day = calendar.AddWorkingDays(paperDeadlineOn, 1); day < circulationOn; day = calendar.AddWorkingDays(day, 1))
        {
            chasers.Add(day);
        }

        return new MeetingDates(meetingOn, circulationOn, paperDeadlineOn, reminders, chasers.ToImmutable(), calendar.AddWorkingDays(meetingOn, timescales.NotesWithinWorkingDays));
    }

    /// <summary>
    /// The dates of a meeting whose pack must go at once (short notice): circulation and the paper deadline are
    /// <paramref name="today"/>, and there is nothing left to remind or chase.
    /// </summary>
    public MeetingDates CirculatingAtOnce(DateOnly today) =>
        this with { CirculationOn = today, PaperDeadlineOn = today, AuthorRemindersOn = [], ChasersOn = [] };
}
