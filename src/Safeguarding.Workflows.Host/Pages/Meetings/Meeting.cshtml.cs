using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Meetings;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Meetings;

/// <summary>
/// <c>/partnerships/{p}/meetings/{id}</c>: one meeting — when and where, chair, quorum, papers, clocks, history — and
/// the actions allowed now. Its literal <c>meetings</c> segment wins over the generic process page's <c>{kindPlural}</c>.
/// </summary>
public sealed class MeetingModel(PartnershipDirectory partnerships, MeetingCommands commands, AuditLog auditLog, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public Meeting Meeting { get; private set; } = null!;

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    /// <summary>What was just done, for the success banner ("scheduled", "rescheduled", "cancelled").</summary>
    public string? Done { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>London's date now.</summary>
    public DateOnly Today => Domain.Calendar.LondonTime.LocalDate(Now);

    public bool IsOpen => Meeting.Status == ProcessStatus.Open;

    /// <summary>The paper or action the banner is about.</summary>
    private string? about;

    public async Task<IActionResult> OnGetAsync(
        string p, string id, [FromQuery] string? done, [FromQuery] string? paper, [FromQuery] string? action, CancellationToken cancellationToken)
    {
        if (await MeetingPages.FindAsync(partnerships, commands, p, id) is not { } found)
        {
            return PageResults.NotFound($"There is no meeting '{id}' in this partnership.");
        }

        (Partnership, Meeting) = found;
        Done = done is "scheduled" or "rescheduled" or "cancelled" or "paper-added" or "paper-withdrawn" or "action-completed" ? done : null;
        about = paper ?? action;
        Now = clock.GetUtcNow();
        History = await auditLog.ReadAsync(Meeting.Key, cancellationToken);
        return Page();
    }

    public string BannerText => Done switch
    {
        "scheduled" => "Meeting scheduled. Members have been invited and authors asked for their papers.",
        "rescheduled" => $"Meeting moved to {MeetingWhen.Date(Meeting.StartsAt)} at {MeetingWhen.Time(Meeting.StartsAt)}. Members have been sent a calendar update.",
        "cancelled" => "Meeting cancelled. Members have been sent a calendar cancellation and awaited authors told.",
        "paper-added" => Meeting.Paper(about ?? "") is { } added
            ? $"Paper “{added.Title}” added. {added.Author.Name} has been asked for it{(added.AddedLate ? "; it will go to members as a late paper" : "")}."
            : "Paper added.",
        "paper-withdrawn" => Meeting.Paper(about ?? "") is { } withdrawn ? $"Paper “{withdrawn.Title}” withdrawn. {withdrawn.Author.Name} has been told by email and is no longer chased." : "Paper withdrawn.",
        "action-completed" => Meeting.Action(about ?? "") is { } done
            ? $"Action “{done.Title}” marked as done.{(Meeting.Status == ProcessStatus.Completed ? " Every action is done: the meeting is complete." : "")}"
            : "Action marked as done.",
        _ => "",
    };

    public static (string Text, string Css) PaperTag(Paper paper) => paper.Status switch
    {
        PaperStatus.Received => ("Received", "govuk-tag--green"),
        PaperStatus.Late => ("Received late", "govuk-tag--orange"),
        PaperStatus.Withdrawn => ("Withdrawn", "govuk-tag--grey"),
        _ => ("Awaited", "govuk-tag--blue"),
    };

    /// <summary>"Jo Bloggs, Assistant Chief Constable (Staffordshire Police)", saying nothing twice (presets name people by role).</summary>
    public string ChairText
    {
        get
        {
            var chair = Meeting.Chair;
            var text = chair.Name.Contains(chair.Role, StringComparison.OrdinalIgnoreCase) ? chair.Name : $"{chair.Name}, {chair.Role}";
            return text.Contains(chair.Organisation, StringComparison.OrdinalIgnoreCase) ? text : $"{text} ({chair.Organisation})";
        }
    }

    /// <summary>A history entry's detail in words: dates as "4 February 2027", a paper's id as its title.</summary>
    public string HistoryDetail(string detail)
    {
        // A paper's entries start with its id ("performance-report: due 30 January 2026").
        var colon = detail.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && Meeting.Paper(detail[..colon]) is { } paper)
        {
            detail = $"“{paper.Title}”{detail[colon..]}";
        }

        return Show.Detail(detail);
    }

    /// <summary>Papers can be added, and withdrawn, while the meeting is open and has not taken place.</summary>
    public bool PapersCanChange => IsOpen && Meeting.Attendance is null;

    /// <summary>An action's state in words.</summary>
    public (string Text, string Css) ActionTag(MeetingAction action) =>
        action.CompletedAt is not null ? ("Done", "govuk-tag--green")
        : Meeting.Deadlines.Any(d => d.Name == MeetingDeadlines.Action(action.Id) && d.IsOverdue) ? ("Overdue", "govuk-tag--red")
        : ("Open", "govuk-tag--blue");

    /// <summary>A clock's name in words.</summary>
    public string ClockName(Deadline deadline) => deadline.Name switch
    {
        MeetingDeadlines.Circulation => "Agenda pack circulated",
        MeetingDeadlines.PaperDeadline => "Paper deadline",
        MeetingDeadlines.Notes => "Notes recorded",
        var name when name.StartsWith("action:", StringComparison.Ordinal) && Meeting.Action(name["action:".Length..]) is { } action => $"Action: {action.Title}",
        var name => Show.Name(name),
    };
}

/// <summary>What the meeting pages share: finding the partnership and the meeting.</summary>
public static class MeetingPages
{
    public static async Task<(PartnershipArrangements, Meeting)?> FindAsync(PartnershipDirectory partnerships, MeetingCommands commands, string p, string id) =>
        partnerships.Find(p) is { } partnership && (await commands.GetAsync(p, id)).Process is { } meeting ? (partnership, meeting) : null;

    /// <summary>"Jo Bloggs (Staffordshire Police)".</summary>
    public static string Person(AgencyContact contact) => $"{contact.Name} ({contact.Agency})";
}
