using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Safeguarding.Workflows.Domain.Escalations;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Meetings;
using Safeguarding.Workflows.Host.Pages.Forms;
using Safeguarding.Workflows.Host.Pages.Forms.RapidReviews;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Security;
using Safeguarding.Workflows.Orchestration.AnnualReports;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;
using Safeguarding.Workflows.Storage.Documents;

namespace Safeguarding.Workflows.Host.Pages.Downloads;

/// <summary>
/// The documents emails and pages link to, served from page routes (<c>/partnerships/{p}/...</c>) so that a browser
/// opens them with what it has: the page session (staff sign-in, or no sign-in in Development), or a contributor's
/// signed link for their own item. The API keeps its own download endpoints; both read the same
/// <see cref="DocumentStore"/> versions. A missing document is the "Page not found" page.
/// </summary>
public static class PageDownloads
{
    /// <summary>A formal notice (HTML or Word) as the organisation served opens it; item: the document's name.</summary>
    public static readonly LinkPurpose FormalNoticeLink = new("formal-notice");

    /// <summary>A compiled annual report's document (<c>annual-report.html</c> or <c>.docx</c>).</summary>
    public static string AnnualReport(string p, string year, string name) => $"/partnerships/{Escape(p)}/annual-reports/{Escape(year)}/documents/{name}";

    public static WebApplication MapPageDownloads(this WebApplication app)
    {
        var group = app.MapGroup("/partnerships/{p}").ExcludeFromDescription();

        // Members open the papers of the pack signed in; the author's own link opens their paper too, but emailed
        // links here stay unsigned (a paper link must not carry its author's upload link to every member).
        group.MapGet("/meetings/{id}/papers/{paperId}", (string p, string id, string paperId, int? version, HttpContext context) =>
                SendAsync(context, p, new ProcessKey(p, ProcessKinds.Meeting, id), MeetingCommands.PaperDocument(paperId), version, $"Meeting '{id}' has no paper '{paperId}' received."))
            .RequireContributorLink(FormLinks.MeetingPaper, ProcessKinds.Meeting, itemRouteValue: "paperId")
            .WithMetadata(new UnsignedInEmails());

        group.MapGet("/escalations/{id}/documents/{name}", async (string p, string id, string name, HttpContext context) =>
                FormalNotice.DocumentNames.Contains(name)
                    ? await SendAsync(context, p, new ProcessKey(p, ProcessKinds.Escalation, id), name, null, $"Escalation '{id}' has no formal notice served.", downloadName: name.EndsWith(".docx", StringComparison.Ordinal) ? $"{id}-{name}" : null)
                    : NotFound($"An escalation has no document '{name}'."))
            .RequireContributorLink(FormalNoticeLink, ProcessKinds.Escalation, itemRouteValue: "name");

        group.MapGet("/annual-reports/{year}/documents/{name}", async (string p, string year, string name, int? version, HttpContext context) =>
            name is AnnualReportGrain.HtmlDocument or AnnualReportGrain.DocxDocument
                ? await SendAsync(context, p, new ProcessKey(p, ProcessKinds.AnnualReport, year), name, version, $"The {year} annual report has not been compiled yet.", html: name == AnnualReportGrain.HtmlDocument ? ReportHtml.ContentSecurityPolicy : null)
                : NotFound($"An annual report has no document '{name}'."));

        group.MapGet("/rapid-reviews/{id}/agency-summaries/{agency}/download", (string p, string id, string agency, int? version, HttpContext context) =>
                SendAsync(context, p, new ProcessKey(p, ProcessKinds.RapidReview, id), AgencySummaryModel.DocumentName(agency), version, $"No summary from '{agency}' has been received for rapid review '{id}'."))
            .RequireContributorLink(FormLinks.AgencySummary, ProcessKinds.RapidReview, itemRouteValue: "agency")
            .WithMetadata(new UnsignedInEmails());
        return app;
    }

    /// <param name="downloadName">Saved under this name; null: the stored file name for a download, none for HTML (opened in the browser).</param>
    /// <param name="html">The Content-Security-Policy an HTML document opens with (its own style sheet allowed).</param>
    private static async Task<IResult> SendAsync(
        HttpContext context, string p, ProcessKey key, string name, int? version, string missing, string? downloadName = null, string? html = null)
    {
        var services = context.RequestServices;
        if (services.GetRequiredService<PartnershipDirectory>().Find(p) is null)
        {
            return NotFound($"There is no partnership '{p}'.");
        }

        if (await services.GetRequiredService<DocumentStore>().OpenAsync(key, name, version, context.RequestAborted) is not { } found)
        {
            return NotFound(missing);
        }

        var (document, content) = found;
        var opensInBrowser = document.ContentType.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        if (html is not null && opensInBrowser)
        {
            context.Response.Headers.ContentSecurityPolicy = html;
        }

        return Results.Stream(content, document.ContentType, downloadName ?? (opensInBrowser ? null : document.FileName), document.StoredAt);
    }

    /// <summary>The pages' "Page not found" (HTML for a browser, a problem for other clients).</summary>
    private static IResult NotFound(string message) => new PageResult(PageResults.NotFound(message));

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private sealed class PageResult(IActionResult result) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) =>
            result.ExecuteResultAsync(new ActionContext(httpContext, httpContext.GetRouteData(), new ActionDescriptor()));
    }
}
