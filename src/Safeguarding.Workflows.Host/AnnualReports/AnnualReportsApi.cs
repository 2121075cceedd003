using Safeguarding.Workflows.Host.Pages.Dashboard;
using System.ComponentModel;
using System.Globalization;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.AnnualReports;

/// <summary>
/// The yearly report over HTTP (docs/design/api.md, "Annual reports"): open it, read it, send a section, compile it, record its
/// publication (which sends it to the Panel and to Foundations), and download the compiled documents.
/// </summary>
public static class AnnualReportsApi
{
    private static readonly string[] DocumentNames = [AnnualReportGrain.HtmlDocument, AnnualReportGrain.DocxDocument];

    public static WebApplicationBuilder AddAnnualReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnnualReportOptions>().BindConfiguration(AnnualReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProcessKind<IAnnualReportGrain>(ProcessKinds.AnnualReport, "annual-reports", "Annual report", idProblem: AnnualReportCommands.YearProblem);
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.AnnualReport, (_, key, snapshot) => Task.FromResult(snapshot with
        {
            Forms = [new("Sections, compilation and publication", $"/forms/annual-reports/{key.PartnershipId}/{key.Id}")],
        })));
        builder.Services.AddSingleton<AnnualReportCommands>();
        return builder;
    }

    public static RouteGroupBuilder MapAnnualReportsApi(this IEndpointRouteBuilder app)
    {
        // The year is the report's id; it follows its own rule (AnnualReportCommands), not the URL id rule.
        var group = app.MapPartnershipGroup("/annual-reports/{year}", idRule: null).WithTags("Annual reports");
        group.MapPut("/", OpenReport).WithName("OpenAnnualReport").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", GetReport).WithName("GetAnnualReport");
        group.MapPut("/sections/{number:int}", SubmitSection).WithName("SubmitAnnualReportSection").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/reminders", RemindOwners).WithName("RemindAnnualReportOwners").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/compile", CompileReport).WithName("CompileAnnualReport").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/events", RecordEvent).WithName("RecordAnnualReportEvent").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/documents/{name}", GetDocument).WithName("GetAnnualReportDocument")
            .ProducesFile(MediaTypeNames.Text.Html, ReportDocx.ContentType);
        return group;
    }

    public sealed record ContributorRequest(string? Name, string? Email, string? Agency);

    public sealed record SectionRequest(string? Text, ContributorRequest? Contributor);

    public sealed record EventRequest(string? Type, string? On, string? Url);

    /// <param name="Timeliness">The compile page's box of the same name: left out, the appendix has the tables.</param>
    public sealed record CompileRequest(
        [property: Description("Whether the appendix holds the year's timeliness, contributions and attendance tables (the figures of the timeliness page). Default true.")]
        bool? Timeliness = null);

    public sealed record ContributorView(string Name, string Email, string Agency);

    public sealed record OwnerView(string Name, string Role, string Agency, string Email);

    /// <param name="FirstAt">When the section was first received; <paramref name="Late"/> if that was after its due date.</param>
    public sealed record ReceivedView(DateTimeOffset At, DateTimeOffset FirstAt, bool Late, int Version, int Revisions, int Characters, ContributorView Contributor);

    public sealed record SectionView(
        int Number, string Title, bool Mandatory, SectionOwner Owner, List<OwnerView> Owners, DateOnly DueOn, SectionStatus Status, ReceivedView? Received);

    public sealed record CompiledView(int Number, DateTimeOffset At, string Html, string Docx, int HtmlVersion, int DocxVersion, List<int> Sections);

    public sealed record SubmissionView(string To, string Email, string MessageId, DateTimeOffset SentAt);

    public sealed record PublishedView(DateOnly On, string Url, DateTimeOffset RecordedAt, List<SubmissionView> Submissions);

    public sealed record AnnualReportView(
        string Id,
        string Kind,
        string PartnershipId,
        string Status,
        string Title,
        string Year,
        DateOnly StartsOn,
        DateOnly EndsOn,
        List<SectionView> Sections,
        CompiledView? Compiled,
        PublishedView? Published,
        List<ProcessViews.DeadlineView> Deadlines,
        List<ProcessViews.TimelineView> Timeline);

    public sealed record CompileView(string Html, string Docx, int Compilation, int HtmlVersion, int DocxVersion);

    /// <summary><c>PUT /api/partnerships/{p}/annual-reports/{year}</c> <c>{}</c>: 201 with the new report, 200 with the existing one.</summary>
    public static async Task<Results<Created<AnnualReportView>, Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> OpenReport(
        string partnershipId, string year, AnnualReportCommands reports, HttpContext context)
    {
        var reply = await reports.OpenAsync(partnershipId, year, RequestActor.Of(context));
        // Opening conflicts only with the partnership's settings (an existing report is answered as it is).
        return reply.Outcome == DecisionOutcome.Conflict
            ? TypedResults.Problem(reply.Message, statusCode: StatusCodes.Status409Conflict, title: "The partnership's settings do not allow this report")
            : Replies.Created(reply, View, Location(partnershipId, year));
    }

    /// <summary><c>GET /api/partnerships/{p}/annual-reports/{year}</c>.</summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> GetReport(
        string partnershipId, string year, AnnualReportCommands reports) =>
        Replies.Ok(await reports.GetAsync(partnershipId, year), View);

    /// <summary>
    /// <c>PUT .../annual-reports/{year}/sections/{n}</c> <c>{text, contributor: {name, email, agency}}</c>: the section's
    /// Markdown. A resubmission replaces the text (recorded in the timeline); the identical text again changes nothing.
    /// </summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> SubmitSection(
        string partnershipId, string year, int number, SectionRequest request, AnnualReportCommands reports, HttpContext context)
    {
        // Too long is 413 over HTTP, so it is answered here before the command (which refuses it too, for the pages).
        if (AnnualReportCommands.YearProblem(year) is null && reports.TooLong(request.Text) is { } tooLong)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["text"] = [tooLong] })
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The section is too long",
            });
        }

        return Replies.Ok(await reports.ContributeAsync(partnershipId, year, number, request, RequestActor.Of(context)), View);
    }

    /// <summary>
    /// <c>POST .../annual-reports/{year}/reminders</c>: reminds the owners of every section not yet received, now. 409
    /// when every section is in; a second reminder the same day changes nothing.
    /// </summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> RemindOwners(
        string partnershipId, string year, AnnualReportCommands reports, HttpContext context) =>
        Replies.Ok(await reports.RemindOwnersAsync(partnershipId, year, RequestActor.Of(context)), View);

    /// <summary>
    /// <c>POST .../annual-reports/{year}/compile</c> <c>{timeliness?}</c> (the body may be left out) → <c>{html, docx}</c>
    /// links to the new versions; with <c>timeliness: false</c> the appendix has no timeliness, contributions or attendance
    /// tables. 409 listing the mandatory sections that have no text.
    /// </summary>
    public static async Task<Results<Ok<CompileView>, ValidationProblem, ProblemHttpResult>> CompileReport(
        string partnershipId, string year, CompileRequest? request, AnnualReportCommands reports, HttpContext context)
    {
        var withTimeliness = new JsonFields().Bool(request?.Timeliness, "timeliness", required: false) ?? true;
        var reply = await reports.CompileAsync(partnershipId, year, RequestActor.Of(context), withTimeliness);
        return MandatorySectionsMissing(reply) ?? Replies.Ok(reply, report => new CompileView(
            DocumentLink(partnershipId, year, AnnualReportGrain.HtmlDocument),
            DocumentLink(partnershipId, year, AnnualReportGrain.DocxDocument),
            report.Compiled!.Number,
            report.Compiled.HtmlVersion,
            report.Compiled.DocxVersion));
    }

    /// <summary>
    /// <c>POST .../annual-reports/{year}/events</c> <c>{type: "published", on, url}</c>: records publication and sends the
    /// report to the Panel and to Foundations at once. The same publication again is a no-op; a different one is 409.
    /// </summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> RecordEvent(
        string partnershipId, string year, EventRequest request, AnnualReportCommands reports, HttpContext context) =>
        Replies.Ok(await reports.PublishAsync(partnershipId, year, request, RequestActor.Of(context)), View);

    /// <summary>
    /// <c>GET .../annual-reports/{year}/documents/{name}</c> (<c>annual-report.html</c> or <c>annual-report.docx</c>,
    /// optional <c>?version=N</c>): the latest compiled version unless a version is asked for.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetDocument(
        string partnershipId, string year, string name, [FromQuery] int? version, DocumentStore documents, HttpContext context, CancellationToken cancellationToken)
    {
        if (AnnualReportCommands.YearProblem(year) is { } invalidYear)
        {
            return Problems.Invalid("year", invalidYear);
        }

        if (!DocumentNames.Contains(name, StringComparer.Ordinal))
        {
            return Problems.NotFound($"An annual report has two documents: {string.Join(" and ", DocumentNames)}.");
        }

        var key = new ProcessKey(partnershipId, ProcessKinds.AnnualReport, year);
        if (await documents.OpenAsync(key, name, version, cancellationToken) is not { } opened)
        {
            return Problems.NotFound(version is null
                ? $"The {year} report of '{partnershipId}' has not been compiled yet."
                : $"There is no version {version} of {name}.");
        }

        var (document, content) = opened;
        // HTML opens in the browser, with its own style sheet allowed; the Word document downloads under its file name.
        if (name == AnnualReportGrain.HtmlDocument)
        {
            context.Response.Headers.ContentSecurityPolicy = ReportHtml.ContentSecurityPolicy;
            return TypedResults.Stream(content, document.ContentType);
        }

        return TypedResults.Stream(content, document.ContentType, document.FileName);
    }

    public static AnnualReportView View(AnnualReport report) => new(
        report.Key.Id,
        report.Key.Kind,
        report.Key.PartnershipId,
        ProcessViews.Status(report),
        report.Title,
        report.Year.Id,
        report.Year.StartsOn,
        report.Year.EndsOn,
        [.. report.Sections.Select(s => new SectionView(
            s.Number,
            s.Title,
            s.Mandatory,
            s.Owner,
            [.. s.Owners.Select(o => new OwnerView(o.Name, o.Role, o.Agency, o.Email))],
            s.DueOn,
            report.StatusOf(s),
            s.Contribution is { } c
                ? new ReceivedView(c.ReceivedAt, c.FirstReceivedAt, s.ReceivedLate, c.Version, c.Revisions, c.Characters, new ContributorView(c.By.Name, c.By.Email, c.By.Agency))
                : null))],
        report.Compiled is { } compiled
            ? new CompiledView(
                compiled.Number,
                compiled.At,
                DocumentLink(report.Key.PartnershipId, report.Year.Id, AnnualReportGrain.HtmlDocument),
                DocumentLink(report.Key.PartnershipId, report.Year.Id, AnnualReportGrain.DocxDocument),
                compiled.HtmlVersion,
                compiled.DocxVersion,
                [.. compiled.Sections])
            : null,
        report.Published is { } published
            ? new PublishedView(published.On, published.Url, published.RecordedAt, [.. published.Submissions.Select(s => new SubmissionView(s.To, s.Email, s.MessageId, s.SentAt))])
            : null,
        ProcessViews.Deadlines(report),
        ProcessViews.Timeline(report));

    public static string DocumentLink(string partnershipId, string year, string name) => $"{Location(partnershipId, year)}/documents/{name}";

    private static string Location(string partnershipId, string year) => $"/api/partnerships/{Uri.EscapeDataString(partnershipId)}/annual-reports/{year}";

    /// <summary>
    /// The compile refusal that lists the mandatory sections without text (<c>missingSections</c>), which the API has
    /// always answered with its own title; null for any other answer.
    /// </summary>
    private static ProblemHttpResult? MandatorySectionsMissing(Reply<AnnualReport> reply) =>
        reply is { Outcome: DecisionOutcome.Conflict, Process.MissingMandatorySections: { Count: > 0 } missing }
            ? TypedResults.Problem(
                reply.Message,
                statusCode: StatusCodes.Status409Conflict,
                title: "Mandatory sections are missing",
                extensions: new Dictionary<string, object?> { ["missingSections"] = missing.Select(s => s.Number).ToList() })
            : null;
}
