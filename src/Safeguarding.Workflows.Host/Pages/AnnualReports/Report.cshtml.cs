using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.AnnualReports;

/// <summary>
/// <c>/partnerships/{p}/annual-reports/{year}</c>: the year's sections as a task list, its deadlines, the actions
/// allowed now (remind owners, compile, preview, publish) and, once published, the evidence that it was sent to the
/// Panel and to Foundations. Its literal <c>annual-reports</c> segment wins over the generic process page.
/// </summary>
public sealed class ReportModel(PartnershipDirectory partnerships, AnnualReportCommands commands, WorkflowClock clock) : FormPage
{
    public AnnualReport Report { get; private set; } = null!;

    /// <summary>What was just done, for the success banner.</summary>
    public string? Done { get; private set; }

    public DateOnly Today { get; private set; }

    public bool IsOpen => Report.Status == ProcessStatus.Open;

    public IReadOnlyList<ReportSection> Awaited => [.. Report.Sections.Where(s => !s.IsReceived)];

    /// <summary>The compile form's box for the appendix's timeliness and attendance tables, and its value when ticked (the default).</summary>
    public const string Timeliness = "timeliness", Include = "include";

    /// <summary>Compiling is offered only when the mandatory sections have text.</summary>
    public bool CanCompile => Report.CompilationRefusal() is null;

    /// <summary>Publication can be recorded from the day after the reporting year ends.</summary>
    public bool CanPublish => IsOpen && Today > Report.Year.EndsOn;

    public async Task<IActionResult> OnGetAsync(string p, string year, [FromQuery] string? done)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        Done = done is "opened" or "already-open" or "reminded" or "already-reminded" or "compiled" or "published" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        var reply = await commands.RemindOwnersAsync(p, year, RequestActor.Of(HttpContext));
        return reply.Succeeded
            ? Redirect($"/partnerships/{p}/annual-reports/{year}?done={(reply.Outcome == DecisionOutcome.Changed ? "reminded" : "already-reminded")}")
            : Refused("remind", reply.Message ?? "The owners could not be reminded");
    }

    public async Task<IActionResult> OnPostCompileAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        // Unticked, the box posts nothing: the tables are left out.
        ReadForm();
        var reply = await commands.CompileAsync(p, year, RequestActor.Of(HttpContext), withTimeliness: Form.IsChecked(Timeliness, Include));
        return reply.Succeeded
            ? Redirect($"/partnerships/{p}/annual-reports/{year}?done=compiled")
            : Refused("compile", reply.Message ?? "The report could not be compiled");
    }

    public string BannerText => Done switch
    {
        "opened" => $"Reporting year {Report.Year.Id} opened. Each owner has been emailed the sections they are asked for.",
        "already-open" => $"Reporting year {Report.Year.Id} was already open: nothing was sent again.",
        "reminded" => "Owners reminded. Each owner of a section not yet received has been asked for it again.",
        "already-reminded" => "The owners were already reminded today: nothing was sent again.",
        "compiled" => $"Report compiled (compilation {Report.Compiled?.Number}). Preview it before you publish it.",
        "published" => "Publication recorded. The report has been sent to the Panel and to Foundations.",
        _ => "",
    };

    /// <summary>A deadline's name in words.</summary>
    public static string ClockName(Deadline deadline) => deadline.Name switch
    {
        AnnualReportDeadlines.Contributions => "Sections due from their owners",
        AnnualReportDeadlines.Draft => "Draft compiled",
        AnnualReportDeadlines.Publication => "Published (the law’s deadline)",
        AnnualReportDeadlines.Submission => "Sent to the Panel and to Foundations",
        var name => Show.Name(name),
    };

    /// <summary>The submission deadline moves with the publication date until publication is recorded.</summary>
    public bool IsProvisional(Deadline deadline) => deadline.Name == AnnualReportDeadlines.Submission && Report.Published is null && IsOpen;

    /// <summary>"panel" or "foundations" in words.</summary>
    public static string Recipient(string to) => to switch
    {
        "panel" => "Child Safeguarding Practice Review Panel",
        "foundations" => "Foundations",
        _ => to,
    };

    private IActionResult Refused(string field, string message)
    {
        Form.Fail(field, message);
        return Invalid();
    }

    private async Task<IActionResult?> FindAsync(string p, string year)
    {
        if (await AnnualReportPages.FindAsync(partnerships, commands, p, year) is not { } found)
        {
            return PageResults.NotFound($"There is no annual report {year} in this partnership.");
        }

        (Partnership, Report) = found;
        Today = LondonTime.LocalDate(clock.GetUtcNow());
        Form.Set(Timeliness, Include); // ticked until a compile form says otherwise
        return null;
    }
}
