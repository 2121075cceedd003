using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.Meetings;

/// <summary>One partnership meeting, key <c>"{partnershipId}/meeting/{id}"</c>. Every method is an event from HTTP or a page.</summary>
public interface IMeetingGrain : IProcessGrain
{
    /// <summary>Creates the meeting, or returns it unchanged when the same request was made before (a different one is a conflict).</summary>
    Task<Reply<Meeting>> ScheduleAsync(MeetingRequest request, string actor);

    Task<Meeting?> GetAsync();

    /// <summary>Records a paper version already saved in the document store.</summary>
    Task<Reply<Meeting>> ReceivePaperAsync(string paperId, PaperFile file, string actor);

    Task<Reply<Meeting>> AddPaperAsync(PaperRequest paper, string actor);

    Task<Reply<Meeting>> WithdrawPaperAsync(string paperId, string reason, string actor);

    Task<Reply<Meeting>> RescheduleAsync(DateTimeOffset startsAt, string actor);

    /// <summary>Records attendance; <paramref name="otherMeetings"/> (the partnership's latest other meetings with attendance, back to each agency's last attendance) tell whether an agency's absences in a row just reached the partnership's limit.</summary>
    Task<Reply<Meeting>> RecordAttendanceAsync(AttendanceReport report, string actor, List<AttendedMeeting> otherMeetings);

    Task<Reply<Meeting>> RecordNotesAsync(NotesReport report, string actor);

    Task<Reply<Meeting>> CompleteActionAsync(string actionId, string actor);
}

public sealed class MeetingGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships) : ProcessGrain<Meeting>(engine), IMeetingGrain
{
    public Task<Reply<Meeting>> ScheduleAsync(MeetingRequest request, string actor) =>
        OpenOnceAsync(
            existing => existing.Request.Matches(request),
            () => partnerships.Find(Key.PartnershipId) is { } arrangements
                ? Meeting.Schedule(Key, request, arrangements, partnerships.CalendarFor(Key.PartnershipId), actor, Now)
                : NoSuchPartnership);

    public Task<Meeting?> GetAsync() => Task.FromResult(Process);

    public Task<Reply<Meeting>> ReceivePaperAsync(string paperId, PaperFile file, string actor) =>
        DecideAsync(m => m.ReceivePaper(paperId, file, actor, Now));

    public Task<Reply<Meeting>> AddPaperAsync(PaperRequest paper, string actor) =>
        DecideAsync(m => m.AddPaper(paper, actor, Now));

    public Task<Reply<Meeting>> WithdrawPaperAsync(string paperId, string reason, string actor) =>
        DecideAsync(m => m.WithdrawPaper(paperId, reason, actor, Now));

    public Task<Reply<Meeting>> RescheduleAsync(DateTimeOffset startsAt, string actor) =>
        DecideWithPartnershipAsync((m, arrangements, calendar) => m.Reschedule(startsAt, arrangements, calendar, actor, Now));

    public Task<Reply<Meeting>> RecordAttendanceAsync(AttendanceReport report, string actor, List<AttendedMeeting> otherMeetings) =>
        DecideWithPartnershipAsync((m, arrangements, _) => m.RecordAttendance(report, arrangements, actor, Now, otherMeetings));

    public Task<Reply<Meeting>> RecordNotesAsync(NotesReport report, string actor) =>
        DecideWithPartnershipAsync((m, arrangements, calendar) => m.RecordNotes(report, arrangements, calendar, actor, Now));

    public Task<Reply<Meeting>> CompleteActionAsync(string actionId, string actor) =>
        DecideAsync(m => m.CompleteAction(actionId, actor, Now));

    /// <summary>A decision that needs the partnership's arrangements and calendar (refused when the partnership is no longer configured).</summary>
    private Task<Reply<Meeting>> DecideWithPartnershipAsync(Func<Meeting, PartnershipArrangements, StatutoryCalendar, Decision<Meeting>> decide) =>
        DecideAsync(m => partnerships.Find(Key.PartnershipId) is { } arrangements
            ? decide(m, arrangements, partnerships.CalendarFor(Key.PartnershipId))
            : NoSuchPartnership);
}
