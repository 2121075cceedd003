using System.Globalization;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Domain.Timeliness;

namespace Safeguarding.Workflows.Domain.Meetings;

/// <summary>Relative links a meeting's emails carry (the email renderer puts the public base URL in front).</summary>
public static class MeetingLinks
{
    public static string Meeting(ProcessKey key) => $"/partnerships/{Escape(key.PartnershipId)}/meetings/{Escape(key.Id)}";

    /// <summary>The latest stored version of a paper: the page download, for a signed-in member of staff.</summary>
    public static string Paper(ProcessKey key, string paperId) =>
        $"/partnerships/{Escape(key.PartnershipId)}/meetings/{Escape(key.Id)}/papers/{Escape(paperId)}";

    /// <summary>The form where an author uploads their paper.</summary>
    public static string Upload(ProcessKey key, string paperId) =>
        $"/forms/meetings/{Escape(key.PartnershipId)}/{Escape(key.Id)}/papers/{Escape(paperId)}";

    private static string Escape(string value) => Uri.EscapeDataString(value);
}

/// <summary>
/// The emails of a meeting. Ids are stable per action (<c>{processKey}/{action}/{target}/{date}</c>) so a repeated
/// hand-over is sent once. Values are titles, dates, counts and relative links only.
/// </summary>
internal static class MeetingEmails
{
    public static OutgoingEmail Invitation(Meeting m, DateTimeOffset now) =>
        Email(m, MeetingTemplates.Invitation, $"invitation/members/seq-{m.InviteSequence}", m.Circulation, now, new()
        {
            ["chairOrganisation"] = m.Chair.Organisation,
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
            ["paperCount"] = Count(m.Papers.Count),
        }, Invite(m, InviteMethod.Request));

    public static OutgoingEmail Rescheduled(Meeting m, DateOnly previousMeetingOn, DateTimeOffset now) =>
        Email(m, MeetingTemplates.Rescheduled, $"invitation/members/seq-{m.InviteSequence}", m.Circulation, now, new()
        {
            ["previousMeetingOn"] = Meeting.Iso(previousMeetingOn),
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
            ["chairOrganisation"] = m.Chair.Organisation,
        }, Invite(m, InviteMethod.Request));

    public static OutgoingEmail Cancelled(Meeting m, DateTimeOffset now) =>
        Email(m, MeetingTemplates.Cancelled, $"invitation/members/seq-{m.InviteSequence}", m.Circulation, now, new()
        {
            ["cancelledOn"] = Meeting.Iso(LondonTime.LocalDate(now)),
        }, Invite(m, InviteMethod.Cancel));

    public static OutgoingEmail PaperRequest(Meeting m, Paper paper, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperRequest, paper, $"paper-request/{paper.Id}/{Meeting.Iso(LondonTime.LocalDate(now))}", now, new()
        {
            ["paperDeadlineOn"] = Meeting.Iso(m.Dates.PaperDeadlineOn),
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
            ["shortNotice"] = Flag(m.ShortNotice),
            ["lateAddition"] = Flag(paper.AddedLate),
            // Added once the paper deadline had gone (but before circulation): the request must not name a date already past.
            ["deadlinePassed"] = Flag(m.PaperDeadlinePassed(now)),
        });

    public static OutgoingEmail PaperReminder(Meeting m, Paper paper, DateOnly on, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperReminder, paper, $"paper-reminder/{paper.Id}/{Meeting.Iso(on)}", now, new()
        {
            ["paperDeadlineOn"] = Meeting.Iso(m.Dates.PaperDeadlineOn),
            ["dueToday"] = Flag(on == m.Dates.PaperDeadlineOn),
        });

    public static OutgoingEmail PaperChase(Meeting m, Paper paper, DateOnly on, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperChase, paper, $"paper-chase/{paper.Id}/{Meeting.Iso(on)}", now, new()
        {
            ["paperDeadlineOn"] = Meeting.Iso(m.Dates.PaperDeadlineOn),
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
        });

    public static OutgoingEmail PaperDeadlineChanged(Meeting m, Paper paper, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperDeadlineChanged, paper, $"paper-deadline-changed/{paper.Id}/seq-{m.InviteSequence}", now, new()
        {
            ["paperDeadlineOn"] = Meeting.Iso(m.Dates.PaperDeadlineOn),
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
        });

    public static OutgoingEmail PaperNotNeeded(Meeting m, Paper paper, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperNotNeeded, paper, $"paper-not-needed/{paper.Id}/{Meeting.Iso(LondonTime.LocalDate(now))}", now, new()
        {
            ["cancelledOn"] = Meeting.Iso(LondonTime.LocalDate(now)),
        });

    /// <summary>
    /// Tells the author that their paper is off the agenda. Only the title and the date: the reason given may say
    /// anything, so it stays in the meeting's history.
    /// </summary>
    public static OutgoingEmail PaperWithdrawn(Meeting m, Paper paper, DateTimeOffset now) =>
        ToAuthor(m, MeetingTemplates.PaperWithdrawn, paper, $"paper-withdrawn/{paper.Id}", now, new()
        {
            ["withdrawnOn"] = Meeting.Iso(LondonTime.LocalDate(now)),
            ["received"] = Flag(paper.Status != PaperStatus.Awaited),
        });

    /// <summary>
    /// The pack: the agenda lists every paper in order as <c>paper{n}Title</c>, <c>paper{n}Agency</c>,
    /// <c>paper{n}Status</c> (<c>received</c> or <c>missing</c>) and <c>paper{n}Link</c> (the paper, or the meeting
    /// page for a missing one), n from 1 to <c>paperCount</c>. Withdrawn papers are left out.
    /// </summary>
    public static OutgoingEmail Pack(Meeting m, DateTimeOffset now)
    {
        var papers = m.Papers.Where(p => p.OnAgenda).ToList();
        var values = new Dictionary<string, string>
        {
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
            ["chairOrganisation"] = m.Chair.Organisation,
            ["shortNotice"] = Flag(m.ShortNotice),
            ["paperCount"] = Count(papers.Count),
            ["receivedCount"] = Count(papers.Count(p => p.Status != PaperStatus.Awaited)),
            ["missingCount"] = Count(papers.Count(p => p.Status == PaperStatus.Awaited)),
        };
        for (var i = 0; i < papers.Count; i++)
        {
            var paper = papers[i];
            var n = Count(i + 1);
            var received = paper.Status != PaperStatus.Awaited;
            values[$"paper{n}Title"] = paper.Title;
            values[$"paper{n}Agency"] = paper.Author.Agency;
            values[$"paper{n}Status"] = received ? "received" : "missing";
            values[$"paper{n}Link"] = received ? MeetingLinks.Paper(m.Key, paper.Id) : MeetingLinks.Meeting(m.Key);
        }

        return Email(m, MeetingTemplates.Pack, $"pack/members/{Meeting.Iso(LondonTime.LocalDate(now))}", PackReaders(m), now, values);
    }

    public static OutgoingEmail LatePaper(Meeting m, Paper paper, bool revised, DateTimeOffset now) =>
        Email(m, MeetingTemplates.LatePaper, $"late-paper/{paper.Id}/v{paper.Version}", PackReaders(m), now, new()
        {
            ["paperTitle"] = paper.Title,
            ["paperAgency"] = paper.Author.Agency,
            ["paperVersion"] = Count(paper.Version),
            ["paperLink"] = MeetingLinks.Paper(m.Key, paper.Id),
            ["revised"] = Flag(revised),
            ["circulationOn"] = Meeting.Iso(m.Dates.CirculationOn),
        });

    public static OutgoingEmail Notes(Meeting m, DateTimeOffset now) =>
        Email(m, MeetingTemplates.Notes, $"notes/members/{Meeting.Iso(LondonTime.LocalDate(now))}", m.Circulation, now, new()
        {
            ["actionCount"] = Count(m.Actions.Count),
            ["pendingRatification"] = Flag(m.Attendance?.PendingRatification == true),
        });

    public static OutgoingEmail NotesOverdue(Meeting m, DateTimeOffset now) =>
        Email(m, MeetingTemplates.NotesOverdue, $"notes-overdue/business-manager/{Meeting.Iso(m.Dates.NotesDueOn)}", [m.BusinessManager], now, new()
        {
            ["notesDueOn"] = Meeting.Iso(m.Dates.NotesDueOn),
        });

    public static OutgoingEmail ActionAssigned(Meeting m, MeetingAction action, DateTimeOffset now) =>
        ToOwner(m, MeetingTemplates.ActionAssigned, action, $"action-assigned/{action.Id}/{Meeting.Iso(LondonTime.LocalDate(now))}", now);

    public static OutgoingEmail ActionReminder(Meeting m, MeetingAction action, DateOnly on, DateTimeOffset now) =>
        ToOwner(m, MeetingTemplates.ActionReminder, action, $"action-reminder/{action.Id}/{Meeting.Iso(on)}", now);

    public static OutgoingEmail ActionChase(Meeting m, MeetingAction action, DateOnly on, DateTimeOffset now) =>
        ToOwner(m, MeetingTemplates.ActionChase, action, $"action-chase/{action.Id}/{Meeting.Iso(on)}", now);

    /// <summary>
    /// To the independent chair: an agency has missed the partnership's number of meetings in a row. One per agency and
    /// meeting (its id names both), so a repeated hand-over is sent once. The agency's name, counts and dates only.
    /// </summary>
    public static OutgoingEmail AbsencesToChair(Meeting m, AgencyAttendance agency, Contact chair, DateTimeOffset now) =>
        Email(m, MeetingTemplates.AbsencesInARow, $"absences-in-a-row/{Slug(agency.Agency)}", [new EmailRecipient(chair.Name, chair.Email)], now, new()
        {
            ["agency"] = agency.Agency,
            ["missedCount"] = Count(agency.AbsentInARow),
            ["absentSince"] = Meeting.Iso(agency.AbsentSince!.Value),
            ["timelinessLink"] = $"/partnerships/{Uri.EscapeDataString(m.Key.PartnershipId)}/timeliness?year={FinancialYearOf(m.Dates.MeetingOn)}#attendance",
        });

    // The timeliness page shows a financial year (April to March): the one this meeting is in.
    private static string FinancialYearOf(DateOnly on) => Count(on.Month >= 4 ? on.Year : on.Year - 1);

    /// <summary>"Staffordshire Police" → <c>staffordshire-police</c>, for an email id.</summary>
    private static string Slug(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');

    /// <summary>
    /// Who gets the pack and its late papers: the members and deputies, and the business manager, who runs the meeting
    /// and answers for its papers (once, should they also be on the circulation list).
    /// </summary>
    public static IReadOnlyList<EmailRecipient> PackReaders(Meeting m) =>
        m.Circulation.Any(c => string.Equals(c.Email, m.BusinessManager.Email, StringComparison.OrdinalIgnoreCase))
            ? m.Circulation
            : [.. m.Circulation, m.BusinessManager];

    private static OutgoingEmail ToAuthor(Meeting m, string template, Paper paper, string id, DateTimeOffset now, Dictionary<string, string> values)
    {
        values["paperTitle"] = paper.Title;
        values["uploadLink"] = MeetingLinks.Upload(m.Key, paper.Id);
        return Email(m, template, id, [new EmailRecipient(paper.Author.Name, paper.Author.Email)], now, values);
    }

    private static OutgoingEmail ToOwner(Meeting m, string template, MeetingAction action, string id, DateTimeOffset now) =>
        Email(m, template, id, [new EmailRecipient(action.Owner.Name, action.Owner.Email)], now, new()
        {
            ["actionTitle"] = action.Title,
            ["dueOn"] = Meeting.Iso(action.DueOn),
        });

    private static OutgoingEmail Email(
        Meeting m, string template, string id, IReadOnlyList<EmailRecipient> to, DateTimeOffset now, Dictionary<string, string> values, CalendarInvite? invite = null)
    {
        values["partnershipName"] = m.PartnershipName;
        values["reference"] = m.Key.Id;
        values["meetingTitle"] = m.Title;
        values["meetingStartsAt"] = m.StartsAt.ToString("O", CultureInfo.InvariantCulture);
        values["meetingOn"] = Meeting.Iso(m.Dates.MeetingOn);
        values["location"] = m.Location ?? "";
        values["meetingLink"] = MeetingLinks.Meeting(m.Key);
        return new OutgoingEmail($"{m.Key}/{id}", m.Key.PartnershipId, m.Key.ToString(), template, to, values, now, invite);
    }

    private static CalendarInvite Invite(Meeting m, InviteMethod method) =>
        new($"{m.Key.Id}.{m.Key.PartnershipId}.meeting@safeguarding-workflows", m.InviteSequence, method, m.Title, m.StartsAt, m.EndsAt, m.Location);

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";
}
