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
/// compiling the report, and recording its publication — which makes the service send it to the Child Safeguarding
/// Practice Review Panel and to Foundations. Both run the commands the API runs (<see cref="AnnualReportCommands"/>).
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
        // The form's answers are the request already: it is held to the API's text rule, then to the command's rules.
        var outcome = await DecideAsync(Body(request), (_, _) => request, r => reports.PublishAsync(p, year, r, RequestActor.Of(HttpContext)));
        return Answer(outcome, Labels, () =>
        {
            var report = outcome.ValueAs<AnnualReport>();
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

        var found = await reports.GetAsync(p, year);
        if (found.Process is not { } report)
        {
            return PageResults.NotFound(found.Outcome == DecisionOutcome.NotFound ? found.Message! : "There is no such annual report.");
        }

        Partnership = partnership;
        Report = AnnualReportsApi.View(report);
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date of publication", "Enter the date the report was published"),
        ["url"] = new("The web address", "Enter the web address of the published report"),
        ["type"] = new("Publication", "Enter the date the report was published", "on"),
    };
}
