using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using static Safeguarding.Workflows.Domain.Tests.Meetings.Staffordshire;

namespace Safeguarding.Workflows.Domain.Tests.Meetings;

/// <summary>docs/design/statutory-rules.md §1 dates with the default timescales (7 days, 5 working days, reminders 3 working days before).</summary>
public sealed class MeetingDatesTests
{
    private static readonly PartnershipTimescales Defaults = new();

    [Theory]
    // meeting            circulation    paper deadline
    [InlineData("2026-02-16", "2026-02-09", "2026-02-02")] // Monday: minus 7 is a working Monday
    [InlineData("2026-02-14", "2026-02-06", "2026-01-30")] // Saturday: minus 7 is Saturday, back to Friday
    [InlineData("2026-02-15", "2026-02-06", "2026-01-30")] // Sunday: back over the weekend
    [InlineData("2027-01-05", "2026-12-29", "2026-12-18")] // Tue 29 Dec 2026 is a working day (Christmas Fri, Boxing Day substitute Mon 28)
    [InlineData("2027-01-01", "2026-12-24", "2026-12-17")] // minus 7 is Christmas Day: back to Christmas Eve
    [InlineData("2027-01-04", "2026-12-24", "2026-12-17")] // minus 7 is Mon 28 Dec (substitute): back over the weekend and Christmas
    [InlineData("2028-01-04", "2027-12-24", "2027-12-17")] // Christmas 2027 Saturday: Mon 27 and Tue 28 are substitutes
    [InlineData("2026-04-16", "2026-04-09", "2026-03-31")] // paper deadline counted back across Easter (Mon 6, Fri 3 April)
    [InlineData("2026-04-13", "2026-04-02", "2026-03-26")] // minus 7 is Easter Monday: back over Good Friday
    [InlineData("2027-04-07", "2027-03-31", "2027-03-22")] // Easter 2027: Fri 26 and Mon 29 March
    [InlineData("2022-06-09", "2022-06-01", "2022-05-25")] // 2022: spring holiday moved to Thu 2 June; Mon 30 May worked
    [InlineData("2022-09-26", "2022-09-16", "2022-09-09")] // 2022: Mon 19 September (state funeral)
    [InlineData("2023-05-15", "2023-05-05", "2023-04-27")] // 2023: Mon 8 May (coronation) and Mon 1 May
    public void Circulation_and_paper_deadline(string meetingOn, string circulationOn, string paperDeadlineOn)
    {
        var dates = MeetingDates.For(Day(meetingOn), Defaults, England);

        Assert.Equal(Day(circulationOn), dates.CirculationOn);
        Assert.Equal(Day(paperDeadlineOn), dates.PaperDeadlineOn);
        Assert.True(England.IsWorkingDay(dates.CirculationOn));
        Assert.True(England.IsWorkingDay(dates.PaperDeadlineOn));
    }

    [Theory]
    [InlineData("2026-02-14", "2026-01-27,2026-01-30", "2026-02-02,2026-02-03,2026-02-04,2026-02-05")]
    [InlineData("2026-04-16", "2026-03-26,2026-03-31", "2026-04-01,2026-04-02,2026-04-07,2026-04-08")] // no chaser on Good Friday or Easter Monday
    [InlineData("2027-01-05", "2026-12-15,2026-12-18", "2026-12-21,2026-12-22,2026-12-23,2026-12-24")] // none on 25 or 28 December
    [InlineData("2027-04-07", "2027-03-17,2027-03-22", "2027-03-23,2027-03-24,2027-03-25,2027-03-30")]
    public void Author_reminders_and_chasers(string meetingOn, string reminders, string chasers)
    {
        var dates = MeetingDates.For(Day(meetingOn), Defaults, England);

        Assert.Equal(reminders.Split(',').Select(Day), dates.AuthorRemindersOn);
        Assert.Equal(chasers.Split(',').Select(Day), dates.ChasersOn);
    }

    [Theory]
    [InlineData("2026-02-14", "2026-02-27")] // counted from a Saturday: the meeting date itself is never counted
    [InlineData("2027-01-05", "2027-01-19")]
    [InlineData("2026-04-16", "2026-04-30")]
    [InlineData("2026-12-17", "2027-01-05")] // across Christmas and New Year
    public void Notes_are_due_ten_working_days_after_the_meeting(string meetingOn, string notesDueOn)
    {
        Assert.Equal(Day(notesDueOn), MeetingDates.For(Day(meetingOn), Defaults, England).NotesDueOn);
    }

    [Fact]
    public void Local_timescales_change_every_date()
    {
        var local = Defaults with
        {
            CirculationDaysBeforeMeeting = 10,
            PaperDeadlineWorkingDaysBeforeCirculation = 2,
            AuthorReminderWorkingDaysBeforePaperDeadline = 1,
            NotesWithinWorkingDays = 5,
        };

        var dates = MeetingDates.For(Day("2026-02-16"), local, England);

        Assert.Equal(Day("2026-02-06"), dates.CirculationOn);   // Mon 16 - 10 = Fri 6
        Assert.Equal(Day("2026-02-04"), dates.PaperDeadlineOn);
        Assert.Equal([Day("2026-02-03"), Day("2026-02-04")], dates.AuthorRemindersOn);
        Assert.Equal([Day("2026-02-05")], dates.ChasersOn);
        Assert.Equal(Day("2026-02-23"), dates.NotesDueOn);
    }

    [Fact]
    public void Partnership_closure_days_are_not_working_days()
    {
        // An office closure on Fri 6 Feb moves circulation back to Thursday and the paper deadline with it.
        var calendar = England.WithClosureDays([Day("2026-02-06")]);

        var dates = MeetingDates.For(Day("2026-02-14"), Defaults, calendar);

        Assert.Equal(Day("2026-02-05"), dates.CirculationOn);
        Assert.Equal(Day("2026-01-29"), dates.PaperDeadlineOn);
    }
}
