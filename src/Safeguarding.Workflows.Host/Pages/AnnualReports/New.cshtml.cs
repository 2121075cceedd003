using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Host.Pages.AnnualReports;

/// <summary>
/// <c>/partnerships/{p}/annual-reports/new</c>: opens a reporting year with <see cref="AnnualReportCommands.OpenAsync"/>
/// (the year is all the API's PUT needs), then Post/Redirect/Get to the year's page.
/// </summary>
public sealed class NewModel(PartnershipDirectory partnerships, AnnualReportCommands commands, ProcessIndex index, WorkflowClock clock) : FormPage
{
    /// <summary>The years that can be opened now, latest first.</summary>
    public IReadOnlyList<ReportingYear> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string p, CancellationToken cancellationToken) => await LoadAsync(p, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(string p, CancellationToken cancellationToken)
    {
        if (await LoadAsync(p, cancellationToken) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var year = Form.Value("year");
        if (year.Length == 0)
        {
            Form.Fail("year", "Select the reporting year to open");
            return Invalid();
        }

        var reply = await commands.OpenAsync(p, year, RequestActor.Of(HttpContext));
        if (!reply.Succeeded)
        {
            Form.Fail("year", reply.Outcome == DecisionOutcome.Conflict
                ? $"The partnership’s settings do not allow this report: {reply.Message}"
                : reply.Message ?? "The reporting year could not be opened");
            return Invalid();
        }

        return Redirect($"/partnerships/{p}/annual-reports/{year}?done={(reply.Outcome == DecisionOutcome.Changed ? "opened" : "already-open")}");
    }

    private async Task<IActionResult?> LoadAsync(string p, CancellationToken cancellationToken)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        Partnership = partnership;
        Years = AnnualReportPages.YearsToOpen(clock.GetUtcNow(), await commands.ListAsync(p, index, cancellationToken));
        return null;
    }
}
