using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Safeguarding.Workflows.Orchestration.Documents;

/// <summary>
/// Renders an <see cref="AccessibleDocument"/> as a Word document people can edit: the title in the built-in
/// <c>Heading1</c> style and sections in <c>Heading2</c>/<c>Heading3</c> (so the navigation pane and screen readers see
/// the outline), bullet lists through a numbering definition, tables with a repeating header row, the document
/// language on every run by default, and the title and author in the package properties.
/// </summary>
public static class DocxDocumentWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int BulletNumberingId = 1;
    private const int PageWidthTwips = 11906; // A4
    private const int PageHeightTwips = 16838;
    private const int MarginTwips = 1440;

    public static byte[] Write(AccessibleDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = document.Title;
            package.PackageProperties.Language = document.Language;
            if (document.Author is { } author)
            {
                package.PackageProperties.Creator = author;
            }

            var main = package.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles(document.Language);
            main.AddNewPart<NumberingDefinitionsPart>().Numbering = BulletNumbering();

            var body = new Body();
            body.Append(StyledParagraph("Heading1", document.Title));
            foreach (var block in document.Blocks)
            {
                body.Append(Elements(block));
            }

            body.Append(new SectionProperties(
                new PageSize { Width = PageWidthTwips, Height = PageHeightTwips },
                new PageMargin { Top = MarginTwips, Right = MarginTwips, Bottom = MarginTwips, Left = MarginTwips, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Elements(DocumentBlock block) => block switch
    {
        DocumentHeading h => [StyledParagraph($"Heading{h.Level}", h.Text)],
        DocumentParagraph p => [new Paragraph(TextRun(p.Text))],
        DocumentList list => list.Items.Select(ListItem),
        DocumentFacts facts => facts.Facts.Select(f => new Paragraph(TextRun(f.Label + ": ", bold: true), TextRun(f.Value))),
        // The caption is a paragraph above the table (w:tblCaption is not in the ECMA-376 2007 schema older readers validate
        // against); the empty paragraph after it keeps two tables from merging.
        DocumentTable table => [StyledParagraph("Caption", table.Caption), Table(table), new Paragraph()],
        _ => throw new ArgumentException($"No DOCX for {block.GetType().Name}.", nameof(block)),
    };

    private static Paragraph StyledParagraph(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), TextRun(text));

    private static Paragraph ListItem(string text) => new(
        new ParagraphProperties(
            new ParagraphStyleId { Val = "ListBullet" },
            new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = BulletNumberingId })),
        TextRun(text));

    private static Run TextRun(string text, bool bold = false)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        // Keep the author's line breaks as Word line breaks.
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static Table Table(DocumentTable table)
    {
        var columns = table.Headers.Count;
        var width = (PageWidthTwips - (2 * MarginTwips)) / Math.Max(columns, 1);
        var result = new Table(
            new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                new TableLook { Val = table.FirstColumnIsRowHeader ? "04A0" : "0420" }),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

        // The header row repeats on every page and is marked as a header for assistive technology.
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(table.Headers.Select(h => Cell(h, bold: true)));
        result.Append(header);
        foreach (var row in table.Rows)
        {
            result.Append(new TableRow(row.Select((text, i) => Cell(text, bold: i == 0 && table.FirstColumnIsRowHeader))));
        }

        return result;
    }

    private static TableCell Cell(string text, bool bold) => new(new Paragraph(TextRun(text, bold)));

    private static Numbering BulletNumbering() => new(
        new AbstractNum(
            new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "\u2022" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = 1 },
        new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletNumberingId });

    private static Styles Styles(string language) => new(
        new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                new FontSize { Val = "24" },
                new FontSizeComplexScript { Val = "24" },
                new Languages { Val = language })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
        new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        HeadingStyle(1, "48"),
        HeadingStyle(2, "32"),
        HeadingStyle(3, "28"),
        HeadingStyle(4, "24"),
        new Style(
            new StyleName { Val = "caption" },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = 35 },
            new PrimaryStyle(),
            new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "120", After = "60" }),
            new StyleRunProperties(new Bold()))
        { Type = StyleValues.Paragraph, StyleId = "Caption" },
        new Style(
            new StyleName { Val = "List Bullet" },
            new BasedOn { Val = "Normal" },
            new UIPriority { Val = 99 },
            new StyleParagraphProperties(
                new NumberingProperties(new NumberingId { Val = BulletNumberingId }),
                new SpacingBetweenLines { After = "80" }))
        { Type = StyleValues.Paragraph, StyleId = "ListBullet" },
        new Style(
            new StyleName { Val = "Table Grid" },
            new UIPriority { Val = 59 },
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "505A5F" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "57", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "TableGrid" });

    private static Style HeadingStyle(int level, string halfPoints) => new(
        new StyleName { Val = $"heading {level}" },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new UIPriority { Val = 9 },
        new PrimaryStyle(),
        new StyleParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = level == 1 ? "0" : "240", After = "120" },
            new OutlineLevel { Val = level - 1 }),
        new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints }, new FontSizeComplexScript { Val = halfPoints }))
    { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };
}
