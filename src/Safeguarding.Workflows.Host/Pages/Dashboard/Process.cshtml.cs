using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.Dashboard;

/// <summary><c>/partnerships/{p}/{kind-plural}/{id}</c>: one process, its deadlines and its history.</summary>
public sealed class ProcessModel(PartnershipDirectory partnerships, ProcessGrains grains, ProcessIndex index, AuditLog auditLog, ProcessSnapshots snapshots) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    public ProcessIndexEntry Entry { get; private set; } = null!;

    /// <summary>The process's own state; null for a kind this page cannot read (then the index entry is shown).</summary>
    public ProcessSnapshot? Snapshot { get; private set; }

    public IReadOnlyList<AuditRecord> History { get; private set; } = [];

    public string KindPlural { get; private set; } = "";

    public string Title => Snapshot?.Title ?? Entry.Title ?? Entry.Id;

    public async Task<IActionResult> OnGetAsync(string p, string kindPlural, string id, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var key = grains.KindOfPlural(kindPlural) is { } kind ? new ProcessKey(p, kind, id) : (ProcessKey?)null;
        if (key is null || await index.GetAsync(key.Value, cancellationToken) is not { } entry)
        {
            return PageResults.NotFound($"There is no process '{id}' of that kind in {partnership.Name}.");
        }

        Partnership = partnership;
        Entry = entry;
        KindPlural = kindPlural;
        Snapshot = await snapshots.ReadAsync(key.Value);
        History = await auditLog.ReadAsync(key.Value, cancellationToken);
        return Page();
    }
}
