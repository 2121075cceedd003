using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;

/// <summary>What goes into the compiled report, before it becomes HTML or DOCX.</summary>
/// <param name="Title">The one top-level heading.</param>
/// <param name="Summary">A line under the title: the period covered and when it was compiled.</param>
public sealed record ReportContent(string Title, string Summary, IReadOnlyList<ReportContentSection> Sections);

/// <summary>One part of the report: a numbered section or the generated appendix.</summary>
/// <param name="Anchor">The HTML id the contents list links to (<c>section-3</c>, <c>appendix</c>).</param>
/// <param name="Markdown">The contributed text; null when none has been received (the placeholder shows instead).</param>
public sealed record ReportContentSection(string Anchor, string Heading, string? Markdown)
{
    public const string Placeholder = "No contribution has been received for this section yet.";
}

/// <summary>
/// How contributed Markdown is read: CommonMark with raw HTML switched off (so a contribution cannot inject markup or
/// script: it shows as text), headings moved down below the section heading, and links that are not http, https,
/// mailto or in-page anchors unwrapped to their text.
/// </summary>
public static class ReportMarkdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>
    /// Parses <paramref name="markdown"/>. Headings keep their relative levels but move so that the contribution's
    /// highest heading (whether written <c>#</c> or <c>##</c>) becomes level <paramref name="topLevel"/>, just below
    /// the section heading; none goes deeper than 6.
    /// </summary>
    public static MarkdownDocument Parse(string markdown, int topLevel)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (headings.Count > 0)
        {
            var shift = topLevel - headings.Min(h => h.Level);
            foreach (var heading in headings)
            {
                heading.Level = Math.Min(6, heading.Level + shift);
            }
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                Unwrap(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return document;
    }

    public static bool IsSafe(string? url) =>
        url is { Length: > 0 }
        && (url.StartsWith('#')
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto)));

    // Keeps what the link or image showed (its text, or an image's alternative text) and drops the target.
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }
}
