using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Safeguarding.Workflows.Domain.AnnualReports;
using Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;

namespace Safeguarding.Workflows.Host.Tests.AnnualReports;

/// <summary>The compiled documents themselves: structure, accessibility basics, and that contributed text cannot inject anything.</summary>
public sealed class ReportCompilationTests
{
    private const string Hostile = """
        Intro paragraph with **bold** and *italic* and `code`.

        <script>alert('x')</script>

        <img src=x onerror="alert(1)">

        A [bad link](javascript:alert(1)) and a [good link](https://www.gov.uk/guidance) and <https://example.org/auto>.

        # A contributed heading

        - first point
        - second point
          1. nested one
          2. nested two

        > A quotation from a young person.

        ```
        code line
        ```
        """;

    private static readonly ReportContent Content = new(
        "Test Safeguarding Children Partnership annual report 2025 to 2026",
        "Covering 1 April 2025 to 31 March 2026.",
        [
            new("section-1", "1. What the partnership did", Hostile),
            new("section-2", "2. How effective it was", "Effective & improving < > \" '"),
            new("section-3", "3. What each partner contributed", null),
            new("appendix", "Appendix: figures", "- **Practice reviews**: 2 opened"),
        ]);

    [Fact]
    public void The_html_has_one_h1_a_contents_list_and_a_heading_per_section()
    {
        var html = ReportDocuments.ParseHtml(ReportHtml.Render(Content));

        Assert.Equal("en-GB", html.Root!.Attribute("lang")!.Value);
        Assert.Equal(Content.Title, Assert.Single(html.All("h1")).Value);
        Assert.Equal(Content.Title, Assert.Single(html.All("title")).Value);
        var nav = Assert.Single(html.All("nav"));
        Assert.Equal(["#section-1", "#section-2", "#section-3", "#appendix"], nav.Descendants("a").Select(a => a.Attribute("href")!.Value));
        var main = Assert.Single(html.All("main"));
        var headings = main.Descendants("h2").ToList();
        Assert.Equal(["section-1", "section-2", "section-3", "appendix"], headings.Select(h => h.Attribute("id")!.Value));
        Assert.Equal(Content.Sections.Select(s => s.Heading), headings.Select(h => h.Value));
        Assert.Empty(html.All("table"));
        // Contributed headings sit under the section heading.
        Assert.Equal("A contributed heading", Assert.Single(main.Descendants("h3")).Value);
        Assert.Contains(ReportContentSection.Placeholder, main.Text(), StringComparison.Ordinal);
    }

    /// <summary>Every statutory section (16 with a secure establishment), one with a table and an image, and the appendix.</summary>
    public static ReportContent FullReport { get; } = new(
        "Test Safeguarding Children Partnership annual report 2025 to 2026",
        "Covering 1 April 2025 to 31 March 2026. Draft compiled on 20 August 2026 (compilation 1).",
        [
            .. ReportSections.For(hasSecureEstablishment: true).Select(d => new ReportContentSection(
                $"section-{d.Number}",
                $"{d.Number}. {d.Title}",
                d.Number == 2 ? TableAndImage : $"What the partnership has to say about {d.Title.ToLowerInvariant()}.")),
            new("appendix", "Appendix: figures from the service's records", "- **Practice reviews**: 2 opened"),
        ]);

    private const string TableAndImage = """
        Referrals by quarter:

        | Quarter | Referrals | Re-referrals |
        |---|--:|--:|
        | April to June | 412 | 61 |
        | July to September | 398 | **57** |

        ![Referrals by quarter, rising in the autumn](https://www.example.org/referrals.png)
        """;

    [Fact]
    public void The_contents_list_numbers_each_section_once()
    {
        var nav = Assert.Single(ReportDocuments.ParseHtml(ReportHtml.Render(FullReport)).All("nav"));

        // The headings carry their numbers; a numbered list would say "1. 1. ...".
        Assert.Empty(nav.Descendants("ol"));
        Assert.Equal(FullReport.Sections.Select(s => s.Heading), nav.Descendants("li").Select(li => li.Text()));
    }

    [Fact]
    public void A_pipe_table_is_a_real_table_in_html_and_word()
    {
        var html = ReportDocuments.ParseHtml(ReportHtml.Render(FullReport));
        var table = Assert.Single(html.All("table"));
        Assert.Equal(["Quarter", "Referrals", "Re-referrals"], table.Descendants("thead").Descendants("th").Select(th => th.Text()));
        Assert.Equal(2, table.Descendants("tbody").Descendants("tr").Count());
        Assert.Equal("57", table.Descendants("strong").Single().Value);

        using var package = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Render(FullReport)), false);
        var word = Assert.Single(package.MainDocumentPart!.Document!.Body!.Elements<Table>());
        var rows = word.Elements<TableRow>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>()); // repeats on each page, read as a header
        Assert.Equal(["Quarter", "Referrals", "Re-referrals"], rows[0].Elements<TableCell>().Select(c => c.InnerText));
        Assert.All(rows[0].Descendants<Run>(), r => Assert.NotNull(r.RunProperties?.Bold));
        Assert.Equal(["July to September", "398", "57"], rows[2].Elements<TableCell>().Select(c => c.InnerText));
        Assert.Equal(3, word.GetFirstChild<TableGrid>()!.Elements<GridColumn>().Count());
    }

    [Fact]
    public void An_image_is_described_in_html_and_named_by_its_description_in_word()
    {
        var html = ReportDocuments.ParseHtml(ReportHtml.Render(FullReport));
        var image = Assert.Single(html.All("img"));
        Assert.Equal("Referrals by quarter, rising in the autumn", image.Attribute("alt")!.Value);
        Assert.Equal("https://www.example.org/referrals.png", image.Attribute("src")!.Value);

        var (paragraphs, links, _) = ReportDocuments.ReadDocx(ReportDocx.Render(FullReport));
        Assert.Contains(paragraphs, p => p is { Text: "Image: Referrals by quarter, rising in the autumn", InHyperlink: true });
        Assert.Contains("https://www.example.org/referrals.png", links);
    }

    [Fact]
    public void The_full_report_opens_with_the_open_xml_sdk_and_is_valid()
    {
        using var package = WordprocessingDocument.Open(new MemoryStream(ReportDocx.Render(FullReport)), false);

        var errors = new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
        var headings = package.MainDocumentPart!.Document!.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ToList();
        Assert.Equal(FullReport.Sections.Select(s => s.Heading), headings);
        Assert.Equal(17, headings.Count); // 16 sections and the appendix
    }

    [Fact]
    public void Images_without_a_description_are_found_and_never_compiled_as_empty_alt_text()
    {
        const string Text = "Intro.\n\n![](https://www.example.org/a.png)\n\n![  ](https://www.example.org/b.png)\n\n![Described](https://www.example.org/c.png)";

        Assert.Equal(["https://www.example.org/a.png", "https://www.example.org/b.png"], ReportMarkdown.ImagesWithoutDescription(Text));
        Assert.Empty(ReportMarkdown.ImagesWithoutDescription(TableAndImage));

        // Text stored before descriptions were required: the image is left out, and says so.
        var content = Content with { Sections = [new("section-1", "1. Done", Text)] };
        var raw = ReportHtml.Render(content);
        var html = ReportDocuments.ParseHtml(raw);
        Assert.Equal(["Described"], html.All("img").Select(i => i.Attribute("alt")!.Value));
        Assert.DoesNotContain("alt=\"\"", raw, StringComparison.Ordinal);
        Assert.Contains(ReportMarkdown.UndescribedImage, html.Root!.Text(), StringComparison.Ordinal);
        var (paragraphs, _, _) = ReportDocuments.ReadDocx(ReportDocx.Render(content));
        Assert.DoesNotContain(paragraphs, p => p.Text.Contains("Image: ]", StringComparison.Ordinal) || p.Text.EndsWith("Image: ", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Text.Contains(ReportMarkdown.UndescribedImage, StringComparison.Ordinal));
    }

    [Fact]
    public void A_contribution_that_starts_at_level_two_still_sits_just_below_its_section()
    {
        var content = Content with { Sections = [new("section-1", "1. Done", "## Sub\n\ntext\n\n### Subsub\n\n#### Deeper\n\n##### Deepest")] };

        var main = Assert.Single(ReportDocuments.ParseHtml(ReportHtml.Render(content)).All("main"));
        Assert.Equal(["h2", "h3", "h4", "h5", "h6"], main.Descendants().Where(e => e.Name.LocalName is ['h', >= '1' and <= '6']).Select(e => e.Name.LocalName));

        var (paragraphs, _, _) = ReportDocuments.ReadDocx(ReportDocx.Render(content));
        Assert.Equal(["Heading1", "Heading2", "Heading3", "Heading4", "Heading5"], paragraphs.Where(p => p.Style?.StartsWith("Heading", StringComparison.Ordinal) == true).Select(p => p.Style));
    }

    [Fact]
    public void Contributed_html_and_script_links_come_out_as_harmless_text()
    {
        var raw = ReportHtml.Render(Content);
        var html = ReportDocuments.ParseHtml(raw);

        Assert.Empty(html.All("script"));
        Assert.Empty(html.All("img"));
        Assert.DoesNotContain("javascript:", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(html.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.Contains("<script>alert('x')</script>", html.Root!.Text(), StringComparison.Ordinal); // shown, not run
        Assert.Contains("bad link", html.Root!.Text(), StringComparison.Ordinal);
        var links = html.Descendants("main").Descendants("a").Select(a => a.Attribute("href")!.Value).ToList();
        Assert.Equal(["https://www.gov.uk/guidance", "https://example.org/auto"], links);
        Assert.Contains("Effective & improving < > \" '", html.Root!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_docx_has_heading_styles_paragraphs_and_lists()
    {
        var (paragraphs, links, title) = ReportDocuments.ReadDocx(ReportDocx.Render(Content));

        Assert.Equal(Content.Title, title);
        Assert.Equal(Content.Title, Assert.Single(paragraphs, p => p.Style == "Title").Text);
        Assert.Equal(Content.Sections.Select(s => s.Heading), paragraphs.Where(p => p.Style == "Heading1").Select(p => p.Text));
        Assert.Equal("A contributed heading", Assert.Single(paragraphs, p => p.Style == "Heading2").Text);
        Assert.Contains(paragraphs, p => p.Text == "Intro paragraph with bold and italic and code.");
        Assert.Equal(["first point", "second point", "nested one", "nested two", "Practice reviews: 2 opened"], paragraphs.Where(p => p.Numbered).Select(p => p.Text));
        Assert.Contains(paragraphs, p => p is { Style: "Quote", Text: "A quotation from a young person." });
        Assert.Contains(paragraphs, p => p is { Style: "Code", Text: "code line" });
        Assert.Contains(paragraphs, p => p.Text == "<script>alert('x')</script>");
        Assert.Contains(paragraphs, p => p.Text == ReportContentSection.Placeholder);
        Assert.Equal(["https://www.gov.uk/guidance", "https://example.org/auto"], links);
    }
}
