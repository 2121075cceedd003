using System.Globalization;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;

namespace Safeguarding.Workflows.Host.AnnualReports;

/// <summary>
/// What people can do to a partnership's yearly report. The JSON endpoints and the pages both call these (never each
/// other), so a rule is written once; the pure rules are in <see cref="AnnualReport"/>. The year in the URL is the
/// report's id: one that is not a reporting year is refused naming <c>year</c>.
/// </summary>
public sealed class AnnualReportCommands(IGrainFactory grains, IOptions<AnnualReportOptions> options)
{
    private const int MaxNameLength = 200;
    private const int MaxUrlLength = 2048;

    public async Task<Reply<AnnualReport>> OpenAsync(string partnershipId, string year, string actor) =>
        YearRefusal(year) ?? await Grain(partnershipId, year).OpenAsync(actor);

    public async Task<Reply<AnnualReport>> GetAsync(string partnershipId, string year) =>
        YearRefusal(year) ?? (await Grain(partnershipId, year).GetAsync() is { } report
            ? new(DecisionOutcome.Unchanged, report)
            : NoReport(partnershipId, year));

    /// <summary>Every report the partnership has opened, latest reporting year first (the list page).</summary>
    public async Task<IReadOnlyList<AnnualReport>> ListAsync(string partnershipId, Storage.Processes.ProcessIndex index, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var page = await index.QueryAsync(partnershipId, new Storage.Processes.ProcessQuery(Kind: ProcessKinds.AnnualReport, Top: Storage.Processes.ProcessIndex.MaxTop, ContinuationToken: token), cancellationToken);
            ids.AddRange(page.Items.Select(e => e.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        var reports = await Task.WhenAll(ids.Where(id => YearProblem(id) is null).Select(id => GetAsync(partnershipId, id)));
        return [.. reports.Select(r => r.Process).OfType<AnnualReport>().OrderByDescending(r => r.Year.StartsOn)];
    }

    /// <summary>
    /// A section's Markdown. A resubmission replaces the text (recorded in the timeline); the identical text again
    /// changes nothing.
    /// </summary>
    public async Task<Reply<AnnualReport>> ContributeAsync(string partnershipId, string year, int number, AnnualReportsApi.SectionRequest request, string actor)
    {
        if ((YearRefusal(year) ?? SectionRefusal(request)) is { } refused)
        {
            return refused;
        }

        var by = request.Contributor!;
        var contributor = new Contributor(by.Name!.Trim(), by.Email!.Trim(), by.Agency!.Trim());
        return Named(partnershipId, year, await Grain(partnershipId, year).ContributeAsync(number, contributor, request.Text!, actor));
    }

    /// <summary>Reminds the owners of every section not yet received (one email per owner listing their sections, at most once a day).</summary>
    public async Task<Reply<AnnualReport>> RemindOwnersAsync(string partnershipId, string year, string actor) =>
        YearRefusal(year) ?? Named(partnershipId, year, await Grain(partnershipId, year).RemindOwnersAsync(actor));

    /// <summary>
    /// Compiles the sections into the HTML and Word documents; a conflict while mandatory sections have no text. With
    /// <paramref name="withTimeliness"/> (the default) the appendix holds the year's timeliness and attendance tables.
    /// </summary>
    public async Task<Reply<AnnualReport>> CompileAsync(string partnershipId, string year, string actor, bool withTimeliness = true) =>
        YearRefusal(year) ?? Named(partnershipId, year, await Grain(partnershipId, year).CompileAsync(actor, withTimeliness));

    /// <summary>
    /// <c>{type: "published", on, url}</c>: records publication and sends the report to the Panel and to Foundations at
    /// once. The same publication again changes nothing; a different one is a conflict.
    /// </summary>
    public async Task<Reply<AnnualReport>> PublishAsync(string partnershipId, string year, AnnualReportsApi.EventRequest request, string actor)
    {
        if (YearRefusal(year) is { } refused)
        {
            return refused;
        }

        if (request.Type != "published")
        {
            return Invalid("type", "The only event an annual report takes is \"published\".");
        }

        if (!DateOnly.TryParseExact(request.On, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            return Invalid("on", "Give the publication date as YYYY-MM-DD.");
        }

        if (UrlProblem(request.Url) is { } problem)
        {
            return Invalid("url", problem);
        }

        return Named(partnershipId, year, await Grain(partnershipId, year).PublishAsync(on, request.Url!, actor));
    }

    /// <summary>Why <paramref name="url"/> is not a published report's public address (an absolute https URL), or null.</summary>
    public static string? UrlProblem(string? url) =>
        url is not { Length: > 0 and <= MaxUrlLength }
        || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host)
            ? $"Give the published report's public address: an absolute https URL of up to {MaxUrlLength} characters."
            : null;

    /// <summary>Why <paramref name="text"/> is too long for a section (the API answers 413), or null.</summary>
    public string? TooLong(string? text) => text?.Length > options.Value.MaxSectionCharacters
        ? $"A section can be at most {options.Value.MaxSectionCharacters} characters; this one is {text.Length}."
        : null;

    /// <summary>Why <paramref name="year"/> is not a reporting year (such as <c>2025-26</c>), or null.</summary>
    public static string? YearProblem(string year) => ReportingYear.TryParse(year, out _, out var error) ? null : error;

    private Reply<AnnualReport>? SectionRefusal(AnnualReportsApi.SectionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Invalid("text", "Give the section's text (Markdown).");
        }

        if (TooLong(request.Text) is { } tooLong)
        {
            return Invalid("text", tooLong);
        }

        if (ReportMarkdown.ImagesWithoutDescription(request.Text) is { Count: > 0 } undescribed)
        {
            return Invalid("text", ReportMarkdown.DescribeImagesMessage(undescribed));
        }

        if (request.Contributor is not { } contributor)
        {
            return Invalid("contributor", "Say who is sending the section: {name, email, agency}.");
        }

        if (string.IsNullOrWhiteSpace(contributor.Name) || contributor.Name.Trim().Length > MaxNameLength)
        {
            return Invalid("contributor.name", $"Give the contributor's name (up to {MaxNameLength} characters).");
        }

        if (string.IsNullOrWhiteSpace(contributor.Email) || contributor.Email.Trim().Length > 254
            || !MailAddress.TryCreate(contributor.Email.Trim(), out var address) || address.Address != contributor.Email.Trim())
        {
            return Invalid("contributor.email", "Give the contributor's email address, for example name@agency.gov.uk.");
        }

        if (string.IsNullOrWhiteSpace(contributor.Agency) || contributor.Agency.Trim().Length > MaxNameLength)
        {
            return Invalid("contributor.agency", $"Give the contributor's agency (up to {MaxNameLength} characters).");
        }

        return null;
    }

    private static Reply<AnnualReport>? YearRefusal(string year) => YearProblem(year) is { } problem ? Invalid("year", problem) : null;

    private static Reply<AnnualReport> Invalid(string field, string message) => new(DecisionOutcome.Invalid, null, field, message);

    // The engine names a missing process by its key; the API has always named the partnership and the year.
    private static Reply<AnnualReport> Named(string partnershipId, string year, Reply<AnnualReport> reply) =>
        reply is { Outcome: DecisionOutcome.NotFound, Process: null } ? NoReport(partnershipId, year) : reply;

    private static Reply<AnnualReport> NoReport(string partnershipId, string year) =>
        Reply<AnnualReport>.NotFound($"Partnership '{partnershipId}' has no annual report {year}.");

    private IAnnualReportGrain Grain(string partnershipId, string year) =>
        grains.GetGrain<IAnnualReportGrain>(new ProcessKey(partnershipId, ProcessKinds.AnnualReport, year).ToString());
}
