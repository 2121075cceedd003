using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Orchestration.Timeliness;
using Safeguarding.Workflows.Storage.Documents;
using Safeguarding.Workflows.Storage.Processes;

namespace Safeguarding.Workflows.Orchestration.AnnualReports;

/// <summary>
/// A yearly report on the durable-deadline engine. The rules are in <see cref="AnnualReport"/>; this grain adds what
/// needs storage: section texts kept as versioned documents, compilation into HTML and DOCX, and the appendix read
/// from the process index.
/// </summary>
public sealed partial class AnnualReportGrain(
    ProcessEngine engine,
    PartnershipDirectory partnerships,
    DocumentStore documents,
    ProcessIndex index,
    ProcessGrains kinds,
    TimelinessRecords timeliness,
    IOptions<AnnualReportOptions> options,
    ILogger<AnnualReportGrain> logger) : ProcessGrain<AnnualReport>(engine), IAnnualReportGrain
{
    public const string HtmlDocument = "annual-report.html";
    public const string DocxDocument = "annual-report.docx";

    public async Task<Reply<AnnualReport>> OpenAsync(string actor)
    {
        // Any report already open for the year is the one asked for: opening takes nothing but the year.
        var reply = await OpenOnceAsync(
            _ => true,
            () => partnerships.Find(Key.PartnershipId) is { } arrangements
                ? AnnualReport.Open(Key, ReportingYear.Parse(Key.Id), arrangements, partnerships.CalendarFor(Key.PartnershipId), Now, actor)
                : NoSuchPartnership);
        if (reply.Outcome == DecisionOutcome.Changed)
        {
            LogOpened(Key.ToString(), reply.Process!.Sections.Count);
        }

        return reply;
    }

    public Task<AnnualReport?> GetAsync() => Task.FromResult(Process);

    public async Task<Reply<AnnualReport>> ContributeAsync(int section, Contributor contributor, string text, string actor)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var sha256 = Convert.ToHexString(SHA256.HashData(bytes));
        // A refusal or a repeat is answered before anything is stored.
        var answer = Process?.ContributionRefusalOrRepeat(section, contributor, sha256);
        if (Process is not { } report || answer is not null)
        {
            return await DecideAsync(_ => answer!);
        }

        // The text is stored before the state records it: a crash in between leaves an unused version, never a missing one.
        var document = report.Section(section)!.DocumentName;
        using var content = new MemoryStream(bytes);
        var stored = await documents.SaveAsync(Key, document, "text/markdown; charset=utf-8", document, content, Now, CancellationToken.None);
        var reply = await DecideAsync(r => r.RecordContribution(section, contributor, stored.Version, sha256, text.Length, Now, actor));
        LogContribution(Key.ToString(), section, stored.Version);
        return reply;
    }

    public Task<Reply<AnnualReport>> RemindOwnersAsync(string actor) => DecideAsync(r => r.RemindOwners(Now, actor));

    public async Task<Reply<AnnualReport>> CompileAsync(string actor, bool withTimeliness)
    {
        // Refused (not open, mandatory sections missing) before any document is rendered.
        var refusal = Process?.CompilationRefusal();
        if (Process is not { } report || refusal is not null)
        {
            return await DecideAsync(_ => refusal!);
        }

        var now = Now;
        var compilation = (report.Compiled?.Number ?? 0) + 1;
        var (html, docx) = await SaveDocumentsAsync(report, now, $"Draft compiled on {Long(LondonTime.LocalDate(now))} (compilation {compilation}).", withTimeliness);
        var reply = await DecideAsync(r => r.RecordCompilation(html, docx, now, actor, withTimeliness));
        LogCompiled(Key.ToString(), reply.Process!.Compiled!.Number, html, docx);
        return reply;
    }

    public async Task<Reply<AnnualReport>> PublishAsync(DateOnly on, string url, string actor)
    {
        var now = Now;
        var answer = Process?.PublicationRefusalOrRepeat(on, url, now);
        if (Process is not { } report || answer is not null)
        {
            return await DecideAsync(_ => answer!);
        }

        (int, int)? restamped = null;
        if (report.RecompilesOnPublication)
        {
            // Compiled once more, stamped as published, so the documents no longer call themselves a draft.
            restamped = await SaveDocumentsAsync(report, now, $"Published on {Long(on)} at {url}.", report.Compiled!.WithTimeliness);
        }

        var reply = await DecideAsync(r => r.RecordPublication(on, url, options.Value.Addresses, now, actor, restamped));
        var published = reply.Process!;
        if (restamped is var (html, docx))
        {
            LogCompiled(Key.ToString(), published.Compiled!.Number, html, docx);
        }

        LogPublished(Key.ToString(), on, published.Published!.Submissions.Count);
        return reply;
    }

    /// <summary>Renders the report into both documents and stores them; returns their new versions.</summary>
    /// <param name="stamp">What the line under the title says of this copy: a draft and its compilation, or its publication.</param>
    /// <param name="withTimeliness">Whether the appendix holds the year's timeliness and attendance tables.</param>
    private async Task<(int Html, int Docx)> SaveDocumentsAsync(AnnualReport report, DateTimeOffset now, string stamp, bool withTimeliness)
    {
        var content = await ContentAsync(report, now, stamp, withTimeliness);
        var html = await SaveAsync(HtmlDocument, ReportHtml.ContentType, Encoding.UTF8.GetBytes(ReportHtml.Render(content)), report, now);
        var docx = await SaveAsync(DocxDocument, ReportDocx.ContentType, ReportDocx.Render(content), report, now);
        return (html.Version, docx.Version);
    }

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private async Task<ReportContent> ContentAsync(AnnualReport report, DateTimeOffset now, string stamp, bool withTimeliness)
    {
        var sections = new List<ReportContentSection>();
        foreach (var section in report.Sections)
        {
            string? text = null;
            if (section.Contribution is { } contribution
                && await documents.OpenAsync(Key, section.DocumentName, contribution.Version, CancellationToken.None) is { } opened)
            {
                await using var stream = opened.Content;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                text = await reader.ReadToEndAsync();
            }

            sections.Add(new ReportContentSection($"section-{section.Number}", $"{section.Number}. {section.Title}", text));
        }

        var today = LondonTime.LocalDate(now);
        var figures = ServiceRecordsAppendix.Summarise(report.Year, AppendixKinds, await ProcessesAsync(report.Key.PartnershipId));
        // The same figures as the timeliness page shows for the report's year.
        var tables = withTimeliness
            ? await timeliness.ForYearAsync(report.Key.PartnershipId, report.Year.FirstYear, today, CancellationToken.None, (Key, new ProcessOverview(report.Title, report.Status, report.Deadlines, report.Timeline)))
            : null;
        sections.Add(new ReportContentSection("appendix", ServiceRecordsAppendix.Heading, ServiceRecordsAppendix.Markdown(report.Year, figures, today, tables)));

        return new ReportContent(
            $"{report.PartnershipName} annual report {report.Year.FirstYear} to {report.Year.SecondYear}",
            $"Covering {report.Year.Period}. {stamp}",
            sections);
    }

    /// <summary>The kinds the appendix counts: those registered with a label for it.</summary>
    private IEnumerable<(string Kind, string Label)> AppendixKinds =>
        kinds.Registrations.Where(k => k.AppendixLabel is not null).Select(k => (k.Kind, k.AppendixLabel!));

    // Counts by kind from the process index only: the other kinds' own state is theirs.
    private async Task<List<ProcessSummary>> ProcessesAsync(string partnershipId)
    {
        var summaries = new List<ProcessSummary>();
        foreach (var (kind, _) in AppendixKinds)
        {
            string? token = null;
            do
            {
                var page = await index.QueryAsync(partnershipId, new ProcessQuery(Kind: kind, Top: ProcessIndex.MaxTop, ContinuationToken: token), CancellationToken.None);
                summaries.AddRange(page.Items.Select(e => new ProcessSummary(e.Kind, e.Status, LondonTime.LocalDate(e.CreatedAt), e.OverdueCount)));
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return summaries;
    }

    private Task<StoredDocument> SaveAsync(string name, string contentType, byte[] bytes, AnnualReport report, DateTimeOffset now)
    {
        var extension = Path.GetExtension(name);
        var fileName = $"{report.Key.PartnershipId}-annual-report-{report.Year.Id}{extension}";
        return documents.SaveAsync(Key, name, contentType, fileName, new MemoryStream(bytes), now, CancellationToken.None);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Annual report {ProcessKey} opened with {SectionCount} sections")]
    private partial void LogOpened(string processKey, int sectionCount);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Annual report {ProcessKey}: section {Section} stored as version {Version}")]
    private partial void LogContribution(string processKey, int section, int version);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Annual report {ProcessKey}: compilation {Compilation} stored (html v{HtmlVersion}, docx v{DocxVersion})")]
    private partial void LogCompiled(string processKey, int compilation, int htmlVersion, int docxVersion);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Annual report {ProcessKey} published on {PublishedOn}; {Submissions} submissions sent")]
    private partial void LogPublished(string processKey, DateOnly publishedOn, int submissions);
}
