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

/// <summary><c>/partnerships/{p}/meetings</c>: the partnership's upcoming and past meetings, and "Schedule a meeting".</summary>
public sealed class MeetingsModel(PartnershipDirectory partnerships, MeetingCommands commands, ProcessIndex index, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>Open meetings that have not started, soonest first.</summary>
    public IReadOnlyList<Meeting> Upcoming { get; private set; } = [];

    /// <summary>Meetings that have started, been completed or cancelled, latest first.</summary>
    public IReadOnlyList<Meeting> Past { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var now = clock.GetUtcNow();
        var all = await commands.ListAsync(p, index, cancellationToken);
        Upcoming = [.. all.Where(m => IsUpcoming(m, now))];
        Past = [.. all.Where(m => !IsUpcoming(m, now)).OrderByDescending(m => m.StartsAt)];
        return Page();
    }

    private static bool IsUpcoming(Meeting m, DateTimeOffset now) => m.Status == ProcessStatus.Open && m.StartsAt > now;

    /// <summary>"2 of 3": papers received (on time or late) of those asked for.</summary>
    public static string PapersReceived(Meeting m) =>
        m.Papers.Count(x => x.OnAgenda) is var onAgenda && onAgenda == 0
            ? "No papers"
            : $"{m.Papers.Count(x => x.OnAgenda && x.Status != PaperStatus.Awaited)} of {onAgenda}";
}
