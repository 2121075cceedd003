using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;

namespace Safeguarding.Workflows.Host.Pages.Forms.AnnualReports;

/// <summary>
/// <c>/forms/annual-reports/{p}/{year}</c> (the link in the report's emails): the sections and where each stands,
/// and compiling the report (the command the API runs, <see cref="AnnualReportCommands"/>). Publication, which makes the
/// service send the report to the Panel and to Foundations, goes through the staff page's "check your answers".
/// </summary>
public sealed class ReportModel(PartnershipDirectory partnerships, AnnualReportCommands reports) : FormPage
{
    public AnnualReportsApi.AnnualReportView Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string p, string year) => await FindAsync(p, year) ?? Page();

    public async Task<IActionResult> OnPostCompileAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var outcome = PageOutcome.Of(await reports.CompileAsync(p, year, RequestActor.Of(HttpContext)));
        return Answer(outcome, new Dictionary<string, FieldLabel> { ["compile"] = new("Compiling", "Compile the report", "compile") }, () =>
        {
            var compiled = outcome.ValueAs<AnnualReport>().Compiled!;
            return new Confirmation(
                "Report compiled",
                $"{year} compilation {compiled.Number}",
                ["The report has been put together from the sections received. Read it, then publish it on the partnership’s website and record the publication here."],
                $"/forms/annual-reports/{p}/{year}",
                "Back to the report");
        });
    }

    private async Task<IActionResult?> FindAsync(string p, string year)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = await reports.GetAsync(p, year);
        if (found.Process is not { } report)
        {
            return PageResults.NotFound(found.Outcome == DecisionOutcome.NotFound ? found.Message! : "There is no such annual report.");
        }

        Partnership = partnership;
        Report = AnnualReportsApi.View(report);
        return null;
    }
}
