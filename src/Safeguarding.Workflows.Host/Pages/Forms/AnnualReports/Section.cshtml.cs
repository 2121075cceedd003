using System.Text;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.AnnualReports;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Pages.Forms.AnnualReports;

/// <summary>
/// <c>/forms/annual-reports/{p}/{year}/sections/{n}</c> (the link in the contribution request): a section's text, sent
/// with the command the API runs for <c>PUT .../annual-reports/{year}/sections/{n}</c>. The form opens with the
/// section's current text, so a contributor can correct it.
/// </summary>
public sealed class SectionModel(PartnershipDirectory partnerships, AnnualReportCommands reports, DocumentStore documents) : FormPage
{
    public AnnualReportsApi.AnnualReportView Report { get; private set; } = null!;

    public AnnualReportsApi.SectionView Section { get; private set; } = null!;

    /// <summary>The text as the compiled report will show it (after "Preview"); null otherwise.</summary>
    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(string p, string year, int n, CancellationToken cancellationToken)
    {
        if (await FindAsync(p, year, n) is { } notFound)
        {
            return notFound;
        }

        if (await documents.OpenAsync(new ProcessKey(p, ProcessKinds.AnnualReport, year), ReportSection.DocumentNameOf(n), null, cancellationToken) is var (_, content))
        {
            await using (content)
            {
                using var reader = new StreamReader(content, Encoding.UTF8);
                Form.Set("text", await reader.ReadToEndAsync(cancellationToken));
            }
        }

        if (Section.Received?.Contributor is { } by)
        {
            Form.Set("contributor-name", by.Name);
            Form.Set("contributor-email", by.Email);
            Form.Set("contributor-agency", by.Agency);
        }
        else if (Section.Owners.FirstOrDefault() is { } owner)
        {
            Form.Set("contributor-agency", owner.Agency);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string p, string year, int n)
    {
        if (await FindAsync(p, year, n) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var request = new AnnualReportsApi.SectionRequest(
            // Browsers send line breaks as CRLF; the section's Markdown is kept with LF.
            Form.Optional("text")?.ReplaceLineEndings("\n"),
            new AnnualReportsApi.ContributorRequest(Form.Optional("contributor-name"), Form.Optional("contributor-email"), Form.Optional("contributor-agency")));
        // The form's answers are the request already: it is held to the API's text rule, then to the command's rules.
        var outcome = await DecideAsync(request, (_, r) => r, r => reports.ContributeAsync(p, year, n, r, RequestActor.Of(HttpContext)));
        return Answer(outcome, Labels, () => new Confirmation(
            $"Section {n} received",
            $"{year}/{n}",
            [$"Thank you. Section {n}, “{Section.Title}”, of the {Report.Title} has been received.",
             "You can send a corrected text from the same link until the report is compiled: the latest text is used."]),
            request);
    }

    /// <summary>"Preview": the text rendered as the compiled report renders it (headings, lists, tables), nothing sent.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string p, string year, int n)
    {
        if (await FindAsync(p, year, n) is { } notFound)
        {
            return notFound;
        }

        ReadForm();
        var text = Form.Optional("text")?.ReplaceLineEndings("\n") ?? "";
        using var html = new StringWriter();
        Markdig.Markdown.ToHtml(ReportMarkdown.Parse(text, topLevel: 3), html, ReportMarkdown.Pipeline);
        PreviewHtml = html.ToString();
        return Page();
    }

    private async Task<IActionResult?> FindAsync(string p, string year, int n)
    {
        if (partnerships.Find(p) is not { } partnership)
        {
            return PageResults.NotFound($"There is no partnership '{p}'.");
        }

        var report = (await reports.GetAsync(p, year)).Process is { } found ? AnnualReportsApi.View(found) : null;
        if (report?.Sections.FirstOrDefault(s => s.Number == n) is not { } section)
        {
            return PageResults.NotFound("There is no such section of an annual report.");
        }

        Partnership = partnership;
        Report = report;
        Section = section;
        return null;
    }

    private static readonly Dictionary<string, FieldLabel> Labels = new()
    {
        ["text"] = new("The section’s text", "Enter the section’s text"),
        ["contributor"] = new("Your details", "Enter your name, email address and agency", "contributor-name"),
        ["contributor.name"] = new("Your name", "Enter your full name"),
        ["contributor.email"] = new("Your email address", "Enter your email address"),
        ["contributor.agency"] = new("Your agency", "Enter your agency"),
    };
}
