using System.Net;
using System.Text;
using Markdig;

namespace Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;

/// <summary>
/// The compiled report as one accessible HTML document: <c>lang="en-GB"</c>, a single <c>h1</c>, a contents list in a
/// <c>nav</c> linking to every section, the sections in <c>main</c> each under its own <c>h2</c> (contributed headings
/// start at <c>h3</c>), data tables from pipe tables (with header cells) and no layout tables, images with their
/// description as <c>alt</c>, and every contributed character escaped. The markup is also well-formed XML, so it can
/// be checked with an XML reader.
/// </summary>
public static class ReportHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    // Readable line length and spacing; nothing positions content, so it reflows and reads in source order. Contents
    // links are spaced for WCAG 2.2 target size.
    private const string Style =
        "body{font-family:Arial,Helvetica,sans-serif;line-height:1.5;max-width:48em;margin:0 auto;padding:1em;color:#0b0c0c}"
        + "a{color:#1d70b8}a:focus{outline:3px solid #fd0}.skip{position:absolute;left:-999em}.skip:focus{position:static}"
        + ".awaited{font-style:italic}.contents{list-style:none;padding-left:0}.contents li{margin:.25em 0}img{max-width:100%}"
        + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #505a5f;padding:.3em .5em;text-align:left;vertical-align:top}";

    /// <summary>
    /// The policy the service serves the document with: its own style sheet (by hash) and pictures, nothing else.
    /// Contributed text cannot add markup, so nothing else could need it.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; "
        + "img-src https:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append("<title>").Append(Encode(content.Title)).Append("</title>\n");
        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
        html.Append("<header>\n<h1>").Append(Encode(content.Title)).Append("</h1>\n<p>").Append(Encode(content.Summary)).Append("</p>\n</header>\n");

        // Not an <ol>: the headings carry their statutory numbers already ("1. ..."), and the appendix has none.
        html.Append("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents</h2>\n<ul class=\"contents\">\n");
        foreach (var section in content.Sections)
        {
            html.Append("<li><a href=\"#").Append(Encode(section.Anchor)).Append("\">").Append(Encode(section.Heading)).Append("</a></li>\n");
        }

        html.Append("</ul>\n</nav>\n<main id=\"main\">\n");
        foreach (var section in content.Sections)
        {
            html.Append("<section aria-labelledby=\"").Append(Encode(section.Anchor)).Append("\">\n");
            html.Append("<h2 id=\"").Append(Encode(section.Anchor)).Append("\">").Append(Encode(section.Heading)).Append("</h2>\n");
            if (section.Markdown is { } markdown)
            {
                using var writer = new StringWriter();
                Markdown.ToHtml(ReportMarkdown.Parse(markdown, topLevel: 3), writer, ReportMarkdown.Pipeline);
                html.Append(writer);
            }
            else
            {
                html.Append("<p class=\"awaited\">").Append(Encode(ReportContentSection.Placeholder)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
