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
public sealed class MeetingsModel(
    PartnershipDirectory partnerships, MeetingCommands commands, MeetingSeriesCommands seriesCommands, ProcessListing listing, WorkflowClock clock) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>Open meetings that have not started, soonest first.</summary>
    public IReadOnlyList<Meeting> Upcoming { get; private set; } = [];

    /// <summary>Meetings that have started, been completed or cancelled, latest first.</summary>
    public IReadOnlyList<Meeting> Past { get; private set; } = [];

    /// <summary>This page of the partnership's meetings (open ones first), split into <see cref="Upcoming"/> and <see cref="Past"/>.</summary>
    public ListPage<Meeting> List { get; private set; } = null!;

    /// <summary>The partnership's recurring meetings.</summary>
    public IReadOnlyList<MeetingSeries> Series { get; private set; } = [];

    /// <summary>After a recurring meeting was saved: the success banner's words.</summary>
    public string? Banner { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string p, [FromQuery] string? done, [FromQuery] string? series, [FromQuery] int? scheduled, [FromQuery] int? page, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var now = clock.GetUtcNow();
        List = await ListPage<Meeting>.ReadAsync(listing, p, ProcessKinds.Meeting, page, async id => (await commands.GetAsync(p, id)).Process, cancellationToken);
        var all = List.Rows.Select(r => r.Process).OfType<Meeting>().OrderBy(m => m.StartsAt).ToList();
        Upcoming = [.. all.Where(m => IsUpcoming(m, now))];
        Past = [.. all.Where(m => !IsUpcoming(m, now)).OrderByDescending(m => m.StartsAt)];
        Series = await seriesCommands.ListAsync(p, cancellationToken);
        if (done == "series-saved" && Series.FirstOrDefault(s => s.Id == series) is { } saved)
        {
            Banner = $"Recurring meeting “{saved.Title}” saved. {(scheduled is > 0 ? $"{scheduled} meeting{(scheduled == 1 ? " was" : "s were")} scheduled." : "No meeting needed scheduling.")}";
        }

        return Page();
    }

    private static bool IsUpcoming(Meeting m, DateTimeOffset now) => m.Status == ProcessStatus.Open && m.StartsAt > now;

    /// <summary>"2 of 3": papers received (on time or late) of those asked for.</summary>
    public static string PapersReceived(Meeting m) =>
        m.Papers.Count(x => x.OnAgenda) == 0
            ? "No papers"
            : $"{m.Papers.Count(x => x.OnAgenda && x.Status != PaperStatus.Awaited)} of {m.Papers.Count(x => x.OnAgenda)}";
}
