using Safeguarding.Workflows.Host.Pages.Dashboard;
using System.Globalization;
using System.Net.Mail;
using System.Net.Mime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Calendar;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Partnerships;
using Safeguarding.Workflows.Host.Processes;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;
using Safeguarding.Workflows.Orchestration.Clock;
using Safeguarding.Workflows.Orchestration.Deadlines;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.AnnualReports;

/// <summary>
/// The yearly report over HTTP (docs/design/api.md, "Annual reports"): open it, read it, send a section, compile it, record its
/// publication (which sends it to the Panel and to Foundations), and download the compiled documents.
/// </summary>
public static class AnnualReportsApi
{
    private const int MaxNameLength = 200;
    private const int MaxUrlLength = 2048;
    private static readonly string[] DocumentNames = [AnnualReportGrain.HtmlDocument, AnnualReportGrain.DocxDocument];

    public static WebApplicationBuilder AddAnnualReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnnualReportOptions>().BindConfiguration(AnnualReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddProcessKind<IAnnualReportGrain>(ProcessKinds.AnnualReport, "annual-reports", "Annual report");
        builder.Services.AddSingleton(new ProcessPageParts(ProcessKinds.AnnualReport, (_, key, snapshot) => Task.FromResult(snapshot with
        {
            Forms = [new("Sections, compilation and publication", $"/forms/annual-reports/{key.PartnershipId}/{key.Id}")],
        })));
        return builder;
    }

    public static RouteGroupBuilder MapAnnualReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/partnerships/{partnershipId}/annual-reports/{year}").WithTags("Annual reports");
        group.MapPut("/", OpenReport).WithName("OpenAnnualReport").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", GetReport).WithName("GetAnnualReport");
        group.MapPut("/sections/{number:int}", SubmitSection).WithName("SubmitAnnualReportSection").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/compile", CompileReport).WithName("CompileAnnualReport").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/events", RecordEvent).WithName("RecordAnnualReportEvent").ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/documents/{name}", GetDocument).WithName("GetAnnualReportDocument")
            .ProducesFile(MediaTypeNames.Text.Html, ReportDocx.ContentType);
        return group;
    }

    public sealed record ContributorRequest(string? Name, string? Email, string? Agency);

    public sealed record SectionRequest(string? Text, ContributorRequest? Contributor);

    public sealed record EventRequest(string? Type, string? On, string? Url);

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
        string partnershipId, string year, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
        }

        var result = await Grain(grains, partnershipId, year).OpenAsync(RequestActor.Of(context));
        return result.Outcome switch
        {
            AnnualReportOutcome.Done => TypedResults.Created(Location(partnershipId, year), View(result.Report!)),
            AnnualReportOutcome.Unchanged => TypedResults.Ok(View(result.Report!)),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "The partnership's settings do not allow this report"),
        };
    }

    /// <summary><c>GET /api/partnerships/{p}/annual-reports/{year}</c>.</summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> GetReport(
        string partnershipId, string year, PartnershipDirectory partnerships, IGrainFactory grains)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
        }

        return await Grain(grains, partnershipId, year).GetAsync() is { } report
            ? TypedResults.Ok(View(report))
            : NoReport(partnershipId, year);
    }

    /// <summary>
    /// <c>PUT .../annual-reports/{year}/sections/{n}</c> <c>{text, contributor: {name, email, agency}}</c>: the section's
    /// Markdown. A resubmission replaces the text (recorded in the timeline); the identical text again changes nothing.
    /// </summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> SubmitSection(
        string partnershipId, string year, int number, SectionRequest request, PartnershipDirectory partnerships, IGrainFactory grains,
        IOptions<AnnualReportOptions> options, HttpContext context)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Problems.Invalid("text", "Give the section's text (Markdown).");
        }

        var max = options.Value.MaxSectionCharacters;
        if (request.Text.Length > max)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["text"] = [$"A section can be at most {max} characters; this one is {request.Text.Length}."],
            })
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The section is too long",
            });
        }

        if (ReportMarkdown.ImagesWithoutDescription(request.Text) is { Count: > 0 } undescribed)
        {
            return Problems.Invalid("text", ReportMarkdown.DescribeImagesMessage(undescribed));
        }

        if (ValidContributor(request.Contributor) is { } invalidContributor)
        {
            return invalidContributor;
        }

        var contributor = new Contributor(request.Contributor!.Name!.Trim(), request.Contributor.Email!.Trim(), request.Contributor.Agency!.Trim());
        var result = await Grain(grains, partnershipId, year).ContributeAsync(number, contributor, request.Text, RequestActor.Of(context));
        return result.Outcome switch
        {
            AnnualReportOutcome.Done or AnnualReportOutcome.Unchanged => TypedResults.Ok(View(result.Report!)),
            AnnualReportOutcome.NoSuchSection => Problems.NotFound(
                $"The {year} report of '{partnershipId}' has no section {number} (section 16 is only for areas with a secure establishment)."),
            AnnualReportOutcome.NotOpen => Problems.Conflict($"The {year} report is {ApiNames.Status(result.Report!.Status)}: sections can no longer be sent."),
            _ => NoReport(partnershipId, year),
        };
    }

    /// <summary>
    /// <c>POST .../annual-reports/{year}/compile</c> → <c>{html, docx}</c> links to the new versions. 409 listing the
    /// mandatory sections that have no text.
    /// </summary>
    public static async Task<Results<Ok<CompileView>, ValidationProblem, ProblemHttpResult>> CompileReport(
        string partnershipId, string year, PartnershipDirectory partnerships, IGrainFactory grains, HttpContext context)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
        }

        var result = await Grain(grains, partnershipId, year).CompileAsync(RequestActor.Of(context));
        switch (result.Outcome)
        {
            case AnnualReportOutcome.Done:
                var compiled = result.Report!.Compiled!;
                return TypedResults.Ok(new CompileView(
                    DocumentLink(partnershipId, year, AnnualReportGrain.HtmlDocument),
                    DocumentLink(partnershipId, year, AnnualReportGrain.DocxDocument),
                    compiled.Number,
                    compiled.HtmlVersion,
                    compiled.DocxVersion));
            case AnnualReportOutcome.MandatorySectionsMissing:
                var missing = result.Sections ?? [];
                return TypedResults.Problem(
                    $"The report cannot be compiled until mandatory sections {string.Join(", ", missing)} have text.",
                    statusCode: StatusCodes.Status409Conflict,
                    title: "Mandatory sections are missing",
                    extensions: new Dictionary<string, object?> { ["missingSections"] = missing });
            case AnnualReportOutcome.NotOpen:
                return Problems.Conflict($"The {year} report is {ApiNames.Status(result.Report!.Status)}: it can no longer be compiled.");
            default:
                return NoReport(partnershipId, year);
        }
    }

    /// <summary>
    /// <c>POST .../annual-reports/{year}/events</c> <c>{type: "published", on, url}</c>: records publication and sends the
    /// report to the Panel and to Foundations at once. The same publication again is a no-op; a different one is 409.
    /// </summary>
    public static async Task<Results<Ok<AnnualReportView>, ValidationProblem, ProblemHttpResult>> RecordEvent(
        string partnershipId, string year, EventRequest request, PartnershipDirectory partnerships, IGrainFactory grains, WorkflowClock clock, HttpContext context)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
        }

        if (request.Type != "published")
        {
            return Problems.Invalid("type", "The only event an annual report takes is \"published\".");
        }

        var reportingYear = ReportingYear.Parse(year);
        if (!DateOnly.TryParseExact(request.On, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            return Problems.Invalid("on", "Give the publication date as YYYY-MM-DD.");
        }

        var today = LondonTime.LocalDate(clock.GetUtcNow());
        if (on > today)
        {
            return Problems.Invalid("on", $"The publication date cannot be in the future (today is {today:yyyy-MM-dd}).");
        }

        if (on <= reportingYear.EndsOn)
        {
            return Problems.Invalid("on", $"A report on {reportingYear.Period} can only be published after the year ends.");
        }

        if (request.Url is not { Length: > 0 and <= MaxUrlLength } url
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            return Problems.Invalid("url", $"Give the published report's public address: an absolute https URL of up to {MaxUrlLength} characters.");
        }

        var result = await Grain(grains, partnershipId, year).PublishAsync(on, url, RequestActor.Of(context));
        return result.Outcome switch
        {
            AnnualReportOutcome.Done or AnnualReportOutcome.Unchanged => TypedResults.Ok(View(result.Report!)),
            AnnualReportOutcome.Conflict => Problems.Conflict(result.Message ?? "A different publication is already recorded."),
            AnnualReportOutcome.NotOpen => Problems.Conflict($"The {year} report is {ApiNames.Status(result.Report!.Status)}."),
            _ => NoReport(partnershipId, year),
        };
    }

    /// <summary>
    /// <c>GET .../annual-reports/{year}/documents/{name}</c> (<c>annual-report.html</c> or <c>annual-report.docx</c>,
    /// optional <c>?version=N</c>): the latest compiled version unless a version is asked for.
    /// </summary>
    public static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> GetDocument(
        string partnershipId, string year, string name, [FromQuery] int? version, PartnershipDirectory partnerships, DocumentStore documents,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (UnknownPartnership(partnershipId, partnerships) is { } unknown)
        {
            return unknown;
        }

        if (InvalidYear(year) is { } invalid)
        {
            return invalid;
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

    private static IAnnualReportGrain Grain(IGrainFactory grains, string partnershipId, string year) =>
        grains.GetGrain<IAnnualReportGrain>(new ProcessKey(partnershipId, ProcessKinds.AnnualReport, year).ToString());

    private static ProblemHttpResult NoReport(string partnershipId, string year) =>
        Problems.NotFound($"Partnership '{partnershipId}' has no annual report {year}.");

    private static ProblemHttpResult? UnknownPartnership(string partnershipId, PartnershipDirectory partnerships) =>
        partnerships.Find(partnershipId) is null ? PartnershipsApi.UnknownPartnership(partnershipId) : null;

    private static ValidationProblem? InvalidYear(string year) =>
        ReportingYear.TryParse(year, out _, out var error) ? null : Problems.Invalid("year", error!);

    private static ValidationProblem? ValidContributor(ContributorRequest? contributor)
    {
        if (contributor is null)
        {
            return Problems.Invalid("contributor", "Say who is sending the section: {name, email, agency}.");
        }

        if (string.IsNullOrWhiteSpace(contributor.Name) || contributor.Name.Trim().Length > MaxNameLength)
        {
            return Problems.Invalid("contributor.name", $"Give the contributor's name (up to {MaxNameLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(contributor.Email) || contributor.Email.Trim().Length > 254
            || !MailAddress.TryCreate(contributor.Email.Trim(), out var address) || address.Address != contributor.Email.Trim())
        {
            return Problems.Invalid("contributor.email", "Give the contributor's email address, for example name@agency.gov.uk.");
        }

        if (string.IsNullOrWhiteSpace(contributor.Agency) || contributor.Agency.Trim().Length > MaxNameLength)
        {
            return Problems.Invalid("contributor.agency", $"Give the contributor's agency (up to {MaxNameLength} characters).");
        }

        return null;
    }
}
