using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Safeguarding.Workflows.Orchestration.Documents;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>The shared document helper: the same content as accessible HTML and as a valid Word document.</summary>
public sealed class AccessibleDocumentTests
{
    private static readonly AccessibleDocument Sample = new(
        "Formal notice to Oakfield <Primary> & Nursery",
        [
            new DocumentFacts([new("Issued by", "Testshire Safeguarding Children Partnership"), new("Date served", "16 February 2026")]),
            new DocumentHeading(2, "The issue"),
            new DocumentParagraph("First line\nsecond line with <b>markup</b> that must stay text"),
            new DocumentList(["Stage 1", "Stage 2"]),
            new DocumentHeading(3, "Detail"),
            new DocumentTable("Required changes", ["Reference", "Required change", "Due by"], [["r1", "Train staff", "2 March 2026"], ["r2", "Audit referrals", "16 March 2026"]]),
        ],
        Author: "Testshire Safeguarding Children Partnership");

    [Fact]
    public void Html_has_one_h1_the_language_landmarks_and_a_real_table_and_escapes_every_text()
    {
        var html = HtmlDocumentWriter.Write(Sample);

        var document = NoticeDocumentChecks.AssertAccessibleHtml(html, Sample.Title);
        Assert.Equal(["The issue"], document.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal(["Detail"], document.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.Empty(document.QuerySelectorAll("b")); // markup in content is text, not markup
        Assert.Equal(["Stage 1", "Stage 2"], document.QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.Equal(["Issued by", "Date served"], document.QuerySelectorAll("dl > dt").Select(dt => dt.TextContent));
        Assert.Equal(["r1", "r2"], document.QuerySelectorAll("tbody th[scope=row]").Select(th => th.TextContent));
        Assert.Equal(["Reference", "Required change", "Due by"], document.QuerySelectorAll("thead th").Select(th => th.TextContent));
        Assert.Equal("Required changes", document.QuerySelector("table > caption")!.TextContent);
    }

    [Fact]
    public void Docx_is_valid_with_heading_styles_bullets_a_header_row_and_the_text()
    {
        var docx = DocxDocumentWriter.Write(Sample);

        var paragraphs = NoticeDocumentChecks.AssertValidDocx(docx, Sample.Title);
        Assert.Contains(("Heading2", "The issue"), paragraphs);
        Assert.Contains(("Heading3", "Detail"), paragraphs);
        Assert.Contains(("Caption", "Required changes"), paragraphs);
        Assert.Equal(["Stage 1", "Stage 2"], paragraphs.Where(p => p.Style == "ListBullet").Select(p => p.Text));
        Assert.Contains(paragraphs, p => p.Text == "Issued by: Testshire Safeguarding Children Partnership");

        using var package = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var table = Assert.Single(package.MainDocumentPart!.Document!.Body!.Elements<Table>());
        var rows = table.Elements<TableRow>().ToList();
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(["r1Train staff2 March 2026", "r2Audit referrals16 March 2026"], rows.Skip(1).Select(r => r.InnerText));
        Assert.Equal("en-GB", package.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<Languages>().Single().Val!.Value);
        Assert.Contains(package.MainDocumentPart.Document.Body.Descendants<Break>(), _ => true); // the line break in the paragraph is kept
    }
}
