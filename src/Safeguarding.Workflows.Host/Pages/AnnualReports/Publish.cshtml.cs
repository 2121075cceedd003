using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Pages.AnnualReports;

/// <summary>
/// <c>/partnerships/{p}/annual-reports/{year}/publish</c>: the publication date and address, then "check your answers"
/// (recording publication emails the report to the Panel and to Foundations at once, and cannot be undone), which lists
/// the sections with no text: publishing without them must be confirmed. Then <see cref="AnnualReportCommands.PublishAsync"/>
/// and Post/Redirect/Get to the year's page with the submission evidence.
/// </summary>
public sealed class PublishModel(PartnershipDirectory partnerships, AnnualReportCommands commands, WorkflowClock clock, IOptions<AnnualReportOptions> options) : FormPage
{
    public AnnualReport Report { get; private set; } = null!;

    /// <summary>Showing the answers to check, rather than the questions.</summary>
    public bool Checking { get; private set; }

    public SubmissionAddresses Addresses => options.Value.Addresses;

    /// <summary>Sections with no text, mandatory ones first.</summary>
    public IReadOnlyList<ReportSection> Missing => [.. Report.Sections.Where(s => !s.IsReceived).OrderByDescending(s => s.Mandatory).ThenBy(s => s.Number)];

    /// <summary>Anything a reader of the published report would miss, which the manager must confirm: sections without text, or no compilation.</summary>
    public bool NeedsConfirmation => Missing.Count > 0 || Report.Compiled is null;

    /// <summary>The question, with today's date filled in (or the answers given, from "Change").</summary>
    public async Task<IActionResult> OnGetAsync(string p, string year, [FromQuery] string? on, [FromQuery] string? url)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        Form.SetDate("on", DateOnly.TryParseExact(on, "yyyy-MM-dd", out var given) ? given : LondonTime.LocalDate(clock.GetUtcNow()));
        Form.Set("url", url?.Trim() ?? "");
        return Page();
    }

    /// <summary>The answers given: check them (or say what is wrong), then ask for confirmation.</summary>
    public async Task<IActionResult> OnPostAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (Read() is null)
        {
            return Invalid();
        }

        Checking = true;
        return Page();
    }

    /// <summary>Confirmed: record publication, which sends the report.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string p, string year)
    {
        if (await FindAsync(p, year) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        if (Read() is not { } request)
        {
            return Invalid();
        }

        if (NeedsConfirmation && !Form.IsChecked("confirm-missing", "yes"))
        {
            Checking = true;
            Form.Fail("confirm-missing", "Confirm that you want to send the report to the Panel and to Foundations with sections missing");
            return Invalid();
        }

        var outcome = await DecideAsync(request, (_, r) => r, r => commands.PublishAsync(p, year, r, RequestActor.Of(HttpContext)));
        if (outcome.Succeeded)
        {
            return Redirect($"/partnerships/{p}/annual-reports/{year}?done=published");
        }

        return Answer(outcome, Labels, () => throw new InvalidOperationException("A refusal has no confirmation."), request);
    }

    /// <summary>The publication date given, as <c>YYYY-MM-DD</c> (once read).</summary>
    public string? On { get; private set; }

    public string ChangeLink => $"/partnerships/{Partnership.Id}/annual-reports/{Report.Year.Id}/publish?on={On}&url={Uri.EscapeDataString(Form.Value("url"))}";

    private AnnualReportsApi.EventRequest? Read()
    {
        var on = On = Form.Date("on", "The date of publication");
        if (on is null && Form.ErrorFor("on") is null)
        {
            Form.Fail("on", "Enter the date the report was published", "on-day");
        }

        if (Form.Value("url").Length == 0)
        {
            Form.Fail("url", "Enter the web address of the published report");
        }

        else if (AnnualReportCommands.UrlProblem(Form.Value("url")) is not null)
        {
            Form.Fail("url", "Enter the web address of the published report as it appears in a browser, starting https://");
        }

        // The report's own rules (a date not in the future, after the year ends; the same publication again) are
        // checked before "check your answers", so that nothing is confirmed that would then be refused.
        if (!Form.HasErrors && Report.PublicationRefusalOrRepeat(DateOnly.ParseExact(on!, "yyyy-MM-dd", CultureInfo.InvariantCulture), Form.Value("url"), clock.GetUtcNow()) is { IsRefusal: true } refused)
        {
            var (field, anchor) = refused.Field == "on" ? ("on", "on-day") : ("url", "url");
            Form.Fail(field, Show.Detail(refused.Message ?? "This publication cannot be recorded").TrimEnd('.'), anchor);
        }

        return Form.HasErrors ? null : new AnnualReportsApi.EventRequest("published", on, Form.Value("url"));
    }

    private async Task<IActionResult?> FindAsync(string p, string year)
    {
        if (await AnnualReportPages.FindAsync(partnerships, commands, p, year) is not { } found)
        {
            return PageResults.NotFound($"There is no annual report {year} in this partnership.");
        }

        (Partnership, Report) = found;
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["on"] = FieldLabel.Date("The date of publication", "Enter the date the report was published"),
        ["url"] = new("The web address", "Enter the web address of the published report"),
        ["type"] = new("Publication", "Enter the date the report was published", "on"),
    };
}
