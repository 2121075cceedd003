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
/// How contributed Markdown is read: CommonMark plus pipe tables, with raw HTML switched off (so a contribution cannot
/// inject markup or script: it shows as text), headings moved down below the section heading, and links that are not
/// http, https, mailto or in-page anchors unwrapped to their text. An image must describe itself
/// (<c>![what it shows](url)</c>): contributions without a description are refused, see <see cref="ImagesWithoutDescription"/>.
/// </summary>
public static class ReportMarkdown
{
    /// <summary>Shown instead of an image that has no description (text stored before descriptions were required).</summary>
    public const string UndescribedImage = "(An image was left out because it has no description.)";

    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    /// <summary>
    /// The addresses of the images in <paramref name="markdown"/> that have no description: a screen reader could
    /// say nothing of them, so the text is refused until each one says what it shows.
    /// </summary>
    public static IReadOnlyList<string> ImagesWithoutDescription(string markdown) =>
        [.. Markdown.Parse(markdown, Pipeline).Descendants<LinkInline>().Where(IsUndescribedImage).Select(i => i.Url ?? "")];

    /// <summary>The message that asks for a description, naming the images.</summary>
    public static string DescribeImagesMessage(IReadOnlyList<string> urls) =>
        $"Describe every image: write what it shows between the square brackets, as in ![Referrals by month, 2025 to 2026](https://...). "
        + $"{(urls.Count == 1 ? "This image has" : "These images have")} no description: {string.Join(", ", urls)}.";

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

        foreach (var image in document.Descendants<LinkInline>().Where(IsUndescribedImage).ToList())
        {
            image.ReplaceBy(new LiteralInline(UndescribedImage), copyChildren: false);
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

    private static bool IsUndescribedImage(LinkInline link) =>
        link.IsImage && string.IsNullOrWhiteSpace(string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString())));

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
