using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.Processes;

namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>The meeting resource of docs/design/api.md: the shared process fields plus the meeting's own.</summary>
public sealed record MeetingView(
    string Id,
    string Kind,
    string PartnershipId,
    string Status,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Location,
    DateOnly MeetingOn,
    DateOnly CirculationOn,
    DateOnly PaperDeadlineOn,
    DateOnly NotesDueOn,
    MeetingView.ChairView Chair,
    bool ShortNotice,
    DateTimeOffset? CirculatedAt,
    List<MeetingView.PaperView> Papers,
    MeetingView.AttendanceView? Attendance,
    MeetingView.NotesView? Notes,
    List<MeetingView.ActionView> Actions,
    List<MeetingView.ScheduledView> Scheduled,
    List<ProcessViews.DeadlineView> Deadlines,
    List<ProcessViews.TimelineView> Timeline)
{
    public sealed record ChairView(string Partner, string Organisation, string Name, string Role);

    public sealed record ContactView(string Name, string Email, string Agency);

    /// <summary>
    /// A paper: <c>status</c> is <c>awaited</c>, <c>received</c>, <c>late</c> or <c>withdrawn</c>; <c>addedLate</c> when it
    /// was added after circulation; <c>link</c> downloads the latest version.
    /// </summary>
    public sealed record PaperView(
        string Id, string Title, ContactView Author, string Status, DateTimeOffset? ReceivedAt, int? Version, string? FileName, string? ContentType, long? Length, string? Link, string UploadLink,
        bool AddedLate = false);

    public sealed record AttendeeView(string Agency, string Role);

    public sealed record DeclarationView(string Agency, string Role, string Interest, string? PaperId);

    public sealed record AttendanceView(
        bool Quorate, bool PendingRatification, List<string> Represented, List<string> Missing, List<AttendeeView> Present, List<DeclarationView> Declarations, DateTimeOffset RecordedAt);

    public sealed record NotesView(string Summary, DateTimeOffset RecordedAt, string RecordedBy);

    /// <summary>An action: <c>status</c> is <c>open</c>, <c>overdue</c> or <c>completed</c>.</summary>
    public sealed record ActionView(string Id, string Title, ContactView Owner, DateOnly DueOn, string Status, DateTimeOffset? CompletedAt);

    /// <summary>A time-driven step still to come: what, about which paper or action, and when.</summary>
    public sealed record ScheduledView(string Step, string? Target, DateTimeOffset DueAt);

    public static MeetingView From(Meeting m) => new(
        m.Key.Id,
        m.Key.Kind,
        m.Key.PartnershipId,
        ProcessViews.Status(m),
        m.Title,
        m.StartsAt,
        m.EndsAt,
        m.Location,
        m.Dates.MeetingOn,
        m.Dates.CirculationOn,
        m.Dates.PaperDeadlineOn,
        m.Dates.NotesDueOn,
        new ChairView(PartnerName(m.Chair.Partner), m.Chair.Organisation, m.Chair.Name, m.Chair.Role),
        m.ShortNotice,
        m.CirculatedAt,
        m.Papers.Select(p => Paper(m, p)).ToList(),
        m.Attendance is { } a
            ? new AttendanceView(
                a.Quorum.Quorate,
                a.PendingRatification,
                a.Quorum.Represented.Select(PartnerName).ToList(),
                a.Quorum.Missing.Select(PartnerName).ToList(),
                a.Report.Present.Select(p => new AttendeeView(p.Agency, p.Role)).ToList(),
                a.Report.Declarations.Select(d => new DeclarationView(d.Agency, d.Role, d.Interest, d.PaperId)).ToList(),
                a.RecordedAt)
            : null,
        m.Notes is { } n ? new NotesView(n.Report.Summary, n.RecordedAt, n.RecordedBy) : null,
        m.Actions.Select(action => new ActionView(
            action.Id,
            action.Title,
            Contact(action.Owner),
            action.DueOn,
            action.CompletedAt is not null ? "completed" : m.Deadlines.Any(d => d.Name == MeetingDeadlines.Action(action.Id) && d.IsOverdue) ? "overdue" : "open",
            action.CompletedAt)).ToList(),
        m.Status == Domain.Processes.ProcessStatus.Open
            ? m.PendingSteps.OrderBy(s => s.DueAt).Select(s => new ScheduledView(StepName(s.Kind), s.Target, s.DueAt)).ToList()
            : [],
        ProcessViews.Deadlines(m),
        ProcessViews.Timeline(m));

    public static PaperView Paper(Meeting m, Paper p) => new(
        p.Id,
        p.Title,
        Contact(p.Author),
        p.Status.ToString().ToLowerInvariant(),
        p.ReceivedAt,
        p.Version > 0 ? p.Version : null,
        p.FileName,
        p.ContentType,
        p.Version > 0 ? p.Length : null,
        p.Version > 0 ? MeetingLinks.Paper(m.Key, p.Id) : null,
        MeetingLinks.Upload(m.Key, p.Id),
        p.AddedLate);

    public static string PartnerName(PartnerKind kind) => kind switch
    {
        PartnerKind.LocalAuthority => "local-authority",
        PartnerKind.Police => "police",
        PartnerKind.Icb => "icb",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static ContactView Contact(AgencyContact c) => new(c.Name, c.Email, c.Agency);

    private static string StepName(MeetingStepKind kind) => kind switch
    {
        MeetingStepKind.PaperReminder => "paper-reminder",
        MeetingStepKind.PaperChase => "paper-chase",
        MeetingStepKind.Circulation => "circulation",
        MeetingStepKind.ActionReminder => "action-reminder",
        MeetingStepKind.ActionChase => "action-chase",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>What <c>POST .../attendance</c> answers.</summary>
public sealed record QuorumView(bool Quorate, bool PendingRatification, List<string> Represented, List<string> Missing)
{
    public static QuorumView Of(MeetingAttendance attendance) => new(
        attendance.Quorum.Quorate,
        attendance.PendingRatification,
        attendance.Quorum.Represented.Select(MeetingView.PartnerName).ToList(),
        attendance.Quorum.Missing.Select(MeetingView.PartnerName).ToList());
}
