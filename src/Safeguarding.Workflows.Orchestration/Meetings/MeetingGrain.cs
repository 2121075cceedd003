using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Orchestration.Deadlines;

namespace Safeguarding.Workflows.Orchestration.Meetings;

/// <summary>One partnership meeting, key <c>"{partnershipId}/meeting/{id}"</c>. Every method is an event from HTTP.</summary>
public interface IMeetingGrain : IProcessGrain
{
    /// <summary>Creates the meeting, or returns it unchanged when the same request was made before (a different one is a conflict).</summary>
    Task<MeetingReply> ScheduleAsync(MeetingRequest request, string actor);

    Task<Meeting?> GetAsync();

    /// <summary>Records a paper version already saved in the document store.</summary>
    Task<MeetingReply> ReceivePaperAsync(string paperId, PaperFile file, string actor);

    Task<MeetingReply> RescheduleAsync(DateTimeOffset startsAt, string actor);

    Task<MeetingReply> RecordAttendanceAsync(AttendanceReport report, string actor);

    Task<MeetingReply> RecordNotesAsync(NotesReport report, string actor);

    Task<MeetingReply> CompleteActionAsync(string actionId, string actor);
}

/// <summary>How a meeting command ended, for the endpoints to turn into 201/200/404/409.</summary>
[GenerateSerializer, Alias("sgw.meetings.MeetingOutcome")]
public enum MeetingOutcome
{
    Created,
    Existing,
    Changed,
    Unchanged,
    NotFound,
    Conflict,
}

/// <summary>The outcome, the meeting as it now stands (when there is one) and, for a conflict, why.</summary>
[GenerateSerializer, Alias("sgw.meetings.MeetingReply")]
public sealed record MeetingReply(
    [property: Id(0)] MeetingOutcome Outcome,
    [property: Id(1)] Meeting? Meeting,
    [property: Id(2)] string? Detail = null);

public sealed class MeetingGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships) : ProcessGrain<Meeting>(engine), IMeetingGrain
{
    public async Task<MeetingReply> ScheduleAsync(MeetingRequest request, string actor)
    {
        if (Process is { } existing)
        {
            return existing.Request.Matches(request)
                ? new(MeetingOutcome.Existing, existing)
                : new(MeetingOutcome.Conflict, existing, $"Meeting '{Key.Id}' already exists with different details.");
        }

        if (partnerships.Find(Key.PartnershipId) is not { } arrangements)
        {
            return new(MeetingOutcome.NotFound, null, $"No partnership has the id '{Key.PartnershipId}'.");
        }

        var calendar = partnerships.CalendarFor(Key.PartnershipId);
        return new(MeetingOutcome.Created, await StartAsync(Meeting.Schedule(Key, request, arrangements, calendar, actor, Now)));
    }

    public Task<Meeting?> GetAsync() => Task.FromResult(Process);

    public Task<MeetingReply> ReceivePaperAsync(string paperId, PaperFile file, string actor) =>
        Process?.Paper(paperId) is null
            ? Task.FromResult(new MeetingReply(MeetingOutcome.NotFound, Process, $"The meeting has no paper '{paperId}'."))
            : DecideAsync(m => m.ReceivePaper(paperId, file, actor, Now));

    public Task<MeetingReply> RescheduleAsync(DateTimeOffset startsAt, string actor) =>
        DecideAsync(m => m.Reschedule(startsAt, Arrangements, partnerships.CalendarFor(Key.PartnershipId), actor, Now));

    public Task<MeetingReply> RecordAttendanceAsync(AttendanceReport report, string actor) =>
        DecideAsync(m => m.RecordAttendance(report, Arrangements, actor, Now));

    public Task<MeetingReply> RecordNotesAsync(NotesReport report, string actor) =>
        DecideAsync(m => m.RecordNotes(report, Arrangements, partnerships.CalendarFor(Key.PartnershipId), actor, Now));

    public Task<MeetingReply> CompleteActionAsync(string actionId, string actor) =>
        Process?.Action(actionId) is null
            ? Task.FromResult(new MeetingReply(MeetingOutcome.NotFound, Process, $"The meeting has no action '{actionId}'."))
            : DecideAsync(m => m.CompleteAction(actionId, actor, Now));

    private PartnershipArrangements Arrangements =>
        partnerships.Find(Key.PartnershipId) ?? throw new InvalidOperationException($"Partnership '{Key.PartnershipId}' is no longer configured.");

    private async Task<MeetingReply> DecideAsync(Func<Meeting, MeetingDecision> command)
    {
        if (Process is not { } meeting)
        {
            return new(MeetingOutcome.NotFound, null, $"There is no meeting '{Key.Id}'.");
        }

        var decision = command(meeting);
        if (decision.Refusal is { } why)
        {
            return new(MeetingOutcome.Conflict, meeting, why);
        }

        return decision.Change is { } change
            ? new(MeetingOutcome.Changed, await UpdateAsync(_ => change))
            : new(MeetingOutcome.Unchanged, meeting);
    }
}
