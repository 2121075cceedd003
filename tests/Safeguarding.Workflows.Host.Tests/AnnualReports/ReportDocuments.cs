using System.Xml;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Safeguarding.Workflows.Host.Tests.AnnualReports;

/// <summary>Reads compiled reports back the way a checker would: the HTML as XML, the DOCX with the Open XML SDK.</summary>
internal static class ReportDocuments
{
    public static readonly XNamespace None = XNamespace.None;

    /// <summary>Parses the HTML (it is well-formed, so an XML reader will do); throws if it is not.</summary>
    public static XDocument ParseHtml(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    public static IEnumerable<XElement> All(this XDocument document, string name) => document.Descendants(name);

    public static string Text(this XElement element) => string.Concat(element.DescendantNodes().OfType<XText>().Select(t => t.Value));

    public sealed record DocxParagraph(string? Style, string Text, bool Numbered, bool InHyperlink);

    /// <summary>Every body paragraph with its style id and text, and the document's hyperlink targets.</summary>
    public static (List<DocxParagraph> Paragraphs, List<string> Links, string? Title) ReadDocx(byte[] docx)
    {
        using var stream = new MemoryStream(docx);
        using var package = WordprocessingDocument.Open(stream, false);
        var main = package.MainDocumentPart!;
        var paragraphs = main.Document!.Body!.Elements<Paragraph>()
            .Select(p => new DocxParagraph(
                p.ParagraphProperties?.ParagraphStyleId?.Val?.Value,
                string.Concat(p.Descendants<Text>().Select(t => t.Text)),
                p.ParagraphProperties?.NumberingProperties is not null,
                p.Descendants<Hyperlink>().Any()))
            .ToList();
        var styles = main.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId?.Value).ToHashSet();
        Assert.All(paragraphs.Where(p => p.Style is not null), p => Assert.Contains(p.Style, styles));
        var links = main.HyperlinkRelationships.Select(r => r.Uri.ToString()).ToList();
        return (paragraphs, links, package.PackageProperties.Title);
    }
}
