using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Meetings;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary>
/// <c>/partnerships/{p}</c>: a partnership's open processes by kind, what is due in the next 10 working days, what is
/// overdue, recent activity, failed emails, and a search with the filters of <c>GET /api/partnerships/{p}/processes</c>.
/// </summary>
public sealed class PartnershipModel(
    PartnershipDirectory partnerships,
    ProcessListing listing,
    RecentHistories histories,
    ProcessGrains grains,
    ProcessSnapshots snapshots,
    FailedEmailListing failedEmails,
    ProcessSearch search,
    AttendanceConcernListing attendanceConcerns,
    WorkflowClock clock) : PageModel
{
    /// <summary>The most rows the overdue and due-soon tables show; the search finds the rest (a partnership with thousands open).</summary>
    public const int PanelRows = 100;

    private const int RecentProcesses = 10;
    private const int RecentEntries = 15;

    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>Overdue, due soon and open by kind, each deadline on its own (<see cref="DashboardPanels"/>).</summary>
    public DashboardPanels Panels { get; private set; } = null!;

    public IReadOnlyList<(ProcessIndexEntry Process, AuditRecord Entry)> Recent { get; private set; } = [];

    public IReadOnlyList<FailedEmail> FailedEmails { get; private set; } = [];

    /// <summary>Agencies that have missed the partnership's number of meetings in a row, up to the latest.</summary>
    public IReadOnlyList<AttendanceConcern> Absences { get; private set; } = [];

    /// <summary>Failed emails are for the business unit, as <c>GET /api/outbox/failed</c> is.</summary>
    public bool ShowsFailedEmails { get; private set; }

    /// <summary>The search, as the processes API answered it (null until searched).</summary>
    public IReadOnlyList<ProcessesApi.ProcessListItem>? Results { get; private set; }

    /// <summary>The same search's next page, when there is one.</summary>
    public string? NextPageLink { get; private set; }

    public FormState Filter { get; private set; } = new();

    public IReadOnlyList<string> Kinds => [.. grains.Kinds.Order(StringComparer.Ordinal)];

    public string PluralOf(string kind) => snapshots.PluralOf(kind);

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var all = await listing.AllAsync(p, cancellationToken);
        Panels = DashboardPanels.For(all.Where(e => e.Status == ProcessStatus.Open).Select(ForPanels), LondonTime.LocalDate(clock.GetUtcNow()), partnerships.CalendarFor(p));
        Recent = await RecentActivityAsync(all, cancellationToken);
        Absences = partnership.Meetings.TellChairAfterMissedMeetings > 0 ? await attendanceConcerns.ForAsync(p, cancellationToken) : [];
        ShowsFailedEmails = PageAccess.IsBusinessUnit(User, p);
        FailedEmails = ShowsFailedEmails ? await failedEmails.ForAsync(p, cancellationToken) : [];

        await SearchAsync(p, cancellationToken);
        return Page();
    }

    // The search form posts nothing: its fields are the API's query parameters, read and checked as the API checks them.
    private async Task SearchAsync(string p, CancellationToken cancellationToken)
    {
        var query = Request.Query;
        Filter = new FormState();
        foreach (var name in new[] { "kind", "status", "overdue", "dueBefore-day", "dueBefore-month", "dueBefore-year" })
        {
            Filter.Set(name, query[name].ToString().Trim());
        }

        if (!query.ContainsKey("search"))
        {
            return;
        }

        var dueBefore = Filter.Date("dueBefore", "Next deadline due before");
        if (Filter.HasErrors)
        {
            return;
        }

        var found = await search.SearchAsync(
            p, new(Filter.Optional("kind"), Filter.Optional("status"), Filter.Optional("overdue"), dueBefore, Top: "50", query["continuationToken"].FirstOrDefault()), cancellationToken);
        if (found.Field is { } field)
        {
            new PageOutcome(StatusCodes.Status400BadRequest, null, new Dictionary<string, string[]> { [field] = [found.Message!] }, found.Message).ShowOn(Filter, SearchLabels);
            return;
        }

        Results = [.. found.Items.Select(ProcessesApi.ToListItem)];
        if (found.ContinuationToken is { } token)
        {
            var next = query.Where(q => q.Key != "continuationToken").Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())).Append(KeyValuePair.Create("continuationToken", token));
            NextPageLink = $"/partnerships/{p}{QueryString.Create(next!)}#results";
        }
    }

    private static readonly Dictionary<string, FieldLabel> SearchLabels = new()
    {
        ["kind"] = new("Kind of process", "Choose a kind of process"),
        ["status"] = new("Status", "Choose a status"),
        ["overdue"] = new("Overdue", "Choose whether overdue"),
        ["dueBefore"] = FieldLabel.Date("Next deadline due before", "Enter a date"),
        ["continuationToken"] = new("Page", "Start the search again", FieldId: "kind"),
    };

    // A row saved before open deadlines were kept in it shows its next deadline only, until its process next changes.
    private static DashboardProcess ForPanels(ProcessIndexEntry e) => new(e.Kind, e.Id, e.Title, e.OpenDeadlines
        ?? (e.NextDeadlineName is { } name && e.NextDeadlineDueOn is { } dueOn && e.NextDeadlineDueAt is { } dueAt ? [new Deadline(name, dueOn, dueAt)] : []));

    /// <summary>The latest entries of the histories of the most recently changed processes, newest first.</summary>
    private async Task<IReadOnlyList<(ProcessIndexEntry, AuditRecord)>> RecentActivityAsync(IEnumerable<ProcessIndexEntry> all, CancellationToken cancellationToken)
    {
        var latest = all.OrderByDescending(e => e.UpdatedAt).Take(RecentProcesses).ToList();
        var read = await Task.WhenAll(latest.Select(async e => (Process: e, History: await histories.ReadAsync(e, cancellationToken))));
        return [.. read
            .SelectMany(h => h.History.Select(entry => (h.Process, entry)))
            .OrderByDescending(x => x.entry.At)
            .Take(RecentEntries)];
    }
}
