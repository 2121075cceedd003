using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.AnnualReports;

/// <summary><c>/partnerships/{p}/annual-reports</c>: the reporting years the partnership has opened, and "Open a reporting year".</summary>
public sealed class ReportsModel(PartnershipDirectory partnerships, AnnualReportCommands commands, ProcessIndex index) : PageModel
{
    public PartnershipArrangements Partnership { get; private set; } = null!;

    /// <summary>Latest reporting year first.</summary>
    public IReadOnlyList<AnnualReport> Reports { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        Reports = await commands.ListAsync(p, index, cancellationToken);
        return Page();
    }
}
