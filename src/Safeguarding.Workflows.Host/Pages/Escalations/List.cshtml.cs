using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Escalations;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Escalations;

/// <summary><c>/partnerships/{p}/escalations</c>: the partnership's escalations, open first, newest first.</summary>
public sealed class ListModel(PartnershipDirectory partnerships, ProcessIndex index, EscalationCommands escalations) : PageModel
{
    /// <summary>The most escalations the list shows.</summary>
    public const int Max = 200;

    public sealed record Row(ProcessIndexEntry Entry, Escalation? Escalation);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        var entries = (await index.QueryAsync(p, new ProcessQuery(Kind: ProcessKinds.Escalation, Top: Max), cancellationToken)).Items
            .OrderBy(e => e.Status == ProcessStatus.Open ? 0 : 1)
            .ThenByDescending(e => e.CreatedAt)
            .ToList();
        var rows = new List<Row>(entries.Count);
        foreach (var entry in entries)
        {
            rows.Add(new Row(entry, (await escalations.GetAsync(p, entry.Id)).Process));
        }

        Rows = rows;
        return Page();
    }
}
