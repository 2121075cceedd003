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
public sealed class ListModel(PartnershipDirectory partnerships, ProcessListing listing, EscalationCommands escalations) : PageModel
{
    public sealed record Row(ProcessIndexEntry Entry, Escalation? Escalation);

    public PartnershipArrangements Partnership { get; private set; } = null!;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public ListPage<Escalation> List { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, int? page, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        List = await ListPage<Escalation>.ReadAsync(listing, p, ProcessKinds.Escalation, page, async id => (await escalations.GetAsync(p, id)).Process, cancellationToken);
        Rows = [.. List.Rows.Select(r => new Row(r.Entry, r.Process))];
        return Page();
    }
}
