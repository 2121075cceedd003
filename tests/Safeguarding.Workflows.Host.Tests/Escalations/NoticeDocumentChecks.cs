using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Safeguarding.Workflows.Host.Tests.Escalations;

/// <summary>Reads generated documents back the way their readers would: HTML through a browser's parser, DOCX through OpenXml.</summary>
internal static class NoticeDocumentChecks
{
    /// <summary>Parses <paramref name="html"/> and checks what makes it accessible; returns the parsed document for further checks.</summary>
    public static AngleSharp.Html.Dom.IHtmlDocument AssertAccessibleHtml(string html, string expectedTitle)
    {
        var document = new HtmlParser().ParseDocument(html);

        Assert.Equal("en-GB", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(expectedTitle, document.Title);
        var h1 = Assert.Single(document.QuerySelectorAll("h1"));
        Assert.Equal(expectedTitle, h1.TextContent);
        Assert.NotNull(document.QuerySelector("main"));
        Assert.NotEmpty(document.QuerySelectorAll("h2"));
        foreach (var table in document.QuerySelectorAll("table"))
        {
            Assert.NotNull(table.QuerySelector("caption"));
            Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            Assert.All(table.QuerySelectorAll("tbody th"), th => Assert.Equal("row", th.GetAttribute("scope")));
        }

        return document;
    }

    /// <summary>Opens <paramref name="docx"/>, checks it against the Open XML schema and returns its paragraphs as (style, text).</summary>
    public static List<(string? Style, string Text)> AssertValidDocx(byte[] docx, string expectedTitle)
    {
        using var stream = new MemoryStream(docx);
        using var package = WordprocessingDocument.Open(stream, false);

        // The default validator checks against the oldest format (Office 2007); a current one must agree.
        foreach (var validator in new[] { new OpenXmlValidator(), new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Microsoft365) })
        {
            var errors = validator.Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
        }

        Assert.Equal(expectedTitle, package.PackageProperties.Title);
        var styles = package.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().Select(s => s.StyleId?.Value).ToList();
        Assert.Contains("Heading1", styles);
        Assert.Contains("Heading2", styles);

        var paragraphs = package.MainDocumentPart.Document!.Body!.Descendants<Paragraph>()
            .Select(p => (p.ParagraphProperties?.ParagraphStyleId?.Val?.Value, p.InnerText))
            .ToList();
        Assert.Equal((string?)"Heading1", paragraphs[0].Item1);
        Assert.Equal(expectedTitle, paragraphs[0].InnerText);
        Assert.Single(paragraphs, p => p.Item1 == "Heading1");
        return paragraphs.Select(p => (p.Item1, p.InnerText)).ToList();
    }
}
