using System.Text.Json.Serialization;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>
/// Where a paper stands: asked for and not yet in, received before circulation, received after it (a late paper), or
/// withdrawn from the agenda (no longer asked for or chased).
/// </summary>
public enum PaperStatus
{
    Awaited,
    Received,
    Late,
    Withdrawn,
}

/// <summary>One paper of the meeting and its latest stored version.</summary>
/// <param name="AddedLate">Added to the agenda after the pack was circulated: it can only go out as a late paper.</param>
public sealed record Paper(
    string Id,
    string Title,
    AgencyContact Author,
    PaperStatus Status = PaperStatus.Awaited,
    DateTimeOffset? ReceivedAt = null,
    int Version = 0,
    string? FileName = null,
    string? ContentType = null,
    long Length = 0,
    bool AddedLate = false)
{
    /// <summary>On the agenda (not withdrawn).</summary>
    [JsonIgnore]
    public bool OnAgenda => Status != PaperStatus.Withdrawn;
}

/// <summary>The kinds of time-driven step a meeting takes.</summary>
public enum MeetingStepKind
{
    PaperReminder,
    PaperChase,
    Circulation,
    ActionReminder,
    ActionChase,
}

/// <summary>
/// A time-driven action with a stable id (for example <c>paper-chase:finance:2026-02-03</c>), done once at or after
/// <see cref="DueAt"/>. Done steps stay in the list, so a rescheduled plan never repeats them.
/// </summary>
/// <param name="Target">The paper or action id the step is about; null for circulation.</param>
/// <param name="On">The London date the step is for.</param>
public sealed record MeetingStep(string Id, MeetingStepKind Kind, string? Target, DateOnly On, DateTimeOffset DueAt, DateTimeOffset? DoneAt = null)
{
    [JsonIgnore]
    public bool IsPending => DoneAt is null;

    [JsonIgnore]
    public bool IsAboutPaper => Kind is MeetingStepKind.PaperReminder or MeetingStepKind.PaperChase;

    [JsonIgnore]
    public bool IsAboutAction => Kind is MeetingStepKind.ActionReminder or MeetingStepKind.ActionChase;
}

/// <summary>Attendance as recorded, with its quorum.</summary>
public sealed record MeetingAttendance(AttendanceReport Report, QuorumAssessment Quorum, DateTimeOffset RecordedAt, string RecordedBy)
{
    /// <summary>An inquorate meeting still proceeds; its decisions wait for ratification at the next meeting.</summary>
    [JsonIgnore]
    public bool PendingRatification => !Quorum.Quorate;
}

/// <summary>The notes of the meeting as recorded.</summary>
public sealed record MeetingNotes(NotesReport Report, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>An action from the meeting: an owner, a due date, a reminder before it and a chase when it is overdue.</summary>
public sealed record MeetingAction(string Id, string Title, AgencyContact Owner, DateOnly DueOn, DateTimeOffset? CompletedAt = null);
