namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>The stable deadline names of docs/design/api.md for meetings.</summary>
public static class MeetingDeadlines
{
    public const string PaperDeadline = "paper-deadline";
    public const string Circulation = "circulation";
    public const string Notes = "notes";

    public static string Action(string actionId) => $"action:{actionId}";
}

/// <summary>The stable timeline event names of a meeting.</summary>
public static class MeetingEvents
{
    public const string Scheduled = "scheduled";
    public const string ShortNotice = "short-notice";
    public const string InvitationSent = "invitation-sent";
    public const string PaperRequested = "paper-requested";
    public const string PaperReminderSent = "paper-reminder-sent";
    public const string PaperChased = "paper-chased";
    public const string PaperReceived = "paper-received";
    public const string PaperAdded = "paper-added";
    public const string PaperWithdrawn = "paper-withdrawn";
    public const string PackCirculated = "pack-circulated";
    public const string LatePaperSent = "late-paper-sent";
    public const string Rescheduled = "rescheduled";
    public const string Cancelled = "cancelled";
    public const string AttendanceRecorded = "attendance-recorded";
    public const string DeclarationsRecorded = "declarations-recorded";
    public const string PendingRatification = "pending-ratification";
    public const string AbsencesInARow = "absences-in-a-row";
    public const string NotesRecorded = "notes-recorded";
    public const string ActionAssigned = "action-assigned";
    public const string ActionReminderSent = "action-reminder-sent";
    public const string ActionChased = "action-chased";
    public const string ActionCompleted = "action-completed";
    public const string NotesOverdue = "notes-overdue";
    public const string Completed = "completed";
}

/// <summary>The email templates of meetings (<c>Notifications/Templates/meetings/</c>).</summary>
public static class MeetingTemplates
{
    public const string Invitation = "meetings/invitation";
    public const string Rescheduled = "meetings/rescheduled";
    public const string Cancelled = "meetings/cancelled";
    public const string PaperRequest = "meetings/paper-request";
    public const string PaperReminder = "meetings/paper-reminder";
    public const string PaperChase = "meetings/paper-chase";
    public const string PaperDeadlineChanged = "meetings/paper-deadline-changed";
    public const string PaperNotNeeded = "meetings/paper-not-needed";
    public const string PaperWithdrawn = "meetings/paper-withdrawn";
    public const string Pack = "meetings/pack";
    public const string LatePaper = "meetings/late-paper";
    public const string Notes = "meetings/notes";
    public const string NotesOverdue = "meetings/notes-overdue";
    public const string ActionAssigned = "meetings/action-assigned";
    public const string ActionReminder = "meetings/action-reminder";
    public const string ActionChase = "meetings/action-chase";
    public const string AbsencesInARow = "meetings/absences-in-a-row";
}
