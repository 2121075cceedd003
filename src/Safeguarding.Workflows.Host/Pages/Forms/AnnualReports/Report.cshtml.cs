using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.Forms.AnnualReports;

/// <summary>
/// <c>/forms/annual-reports/{p}/{year}</c> (the link in the report's emails): the sections and where each stands,
/// compiling the report, and recording its publication — which makes the service send it to the Child Safeguarding
/// Practice Review Panel and to Foundations (<c>POST .../annual-reports/{year}/events {type: "published"}</c>).
/// </summary>
public sealed class ReportModel(PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock) : FormPage
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
        var outcome = PageOutcome.Of(await AnnualReportsApi.CompileReport(p, year, partnerships, grains, HttpContext));
        return Answer(outcome, new Dictionary<string, FieldLabel> { ["compile"] = new("Compiling", "Compile the report", "compile") }, () =>
        {
            var compiled = outcome.ValueAs<AnnualReportsApi.CompileView>();
            return new Confirmation(
                "Report compiled",
                $"{year} compilation {compiled.Compilation}",
                ["The report has been put together from the sections received. Read it, then publish it on the partnership’s website and record the publication here."],
                $"/forms/annual-reports/{p}/{year}",
                "Back to the report");
        });
    }

    public async Task<IActionResult> OnPostPublishAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var on = Form.Date("on", "The date of publication");
        if (Form.HasErrors)
        {
            return Invalid();
        }

        var request = new AnnualReportsApi.EventRequest("published", on, Form.Optional("url"));
        var outcome = await CallAsync(request, () => AnnualReportsApi.RecordEvent(p, year, request, partnerships, grains, clock, HttpContext));
        return Answer(outcome, Labels, () =>
        {
            var report = outcome.ValueAs<AnnualReportsApi.AnnualReportView>();
            return new Confirmation(
                "Publication recorded",
                $"{report.Title}",
                [$"Published on {Show.Date(report.Published!.On)}.",
                 .. report.Published.Submissions.Select(s => $"Sent to {s.To} on {Show.Time(s.SentAt)}.")],
                $"/partnerships/{p}/annual-reports/{year}",
                "See the report’s deadlines and history");
        }, Body(request));
    }

    private async Task<IActionResult?> FindAsync(string p, string year)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var found = PageOutcome.Of(await AnnualReportsApi.GetReport(p, year, partnerships, grains));
        if (!found.Succeeded)
        {
            return PageResults.NotFound(found.Detail ?? "There is no such annual report.");
        }

        Partnership = partnership;
        Report = found.ValueAs<AnnualReportsApi.AnnualReportView>();
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date of publication", "Enter the date the report was published"),
        ["url"] = new("The web address", "Enter the web address of the published report"),
        ["type"] = new("Publication", "Enter the date the report was published", "on"),
    };
}
