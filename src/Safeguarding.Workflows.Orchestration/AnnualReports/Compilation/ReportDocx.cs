using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MarkdownTable = Markdig.Extensions.Tables.Table;
using MarkdownTableCell = Markdig.Extensions.Tables.TableCell;
using MarkdownTableRow = Markdig.Extensions.Tables.TableRow;

namespace Safeguarding.Workflows.Orchestration.AnnualReports.Compilation;

/// <summary>
/// The compiled report as a Word document for editing: the title in the Title style, each section under Heading 1
/// (contributed headings from Heading 2), paragraphs, real bulleted and numbered lists, quotes, code, tables (the
/// header row repeats on each page), links as hyperlinks, and images as a link named by their description. Styles are defined in the document with British English as its language, so headings appear in
/// Word's navigation pane and screen readers announce them.
/// </summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int BulletAbstract = 1;
    private const int OrderedAbstract = 2;
    private const int BulletList = 1;

    public static byte[] Render(ReportContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream();
        using (var package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            package.PackageProperties.Title = content.Title;
            package.PackageProperties.Language = "en-GB";
            var main = package.AddMainDocumentPart();
            var body = new Body();
            main.Document = new Document(body);
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();

            var writer = new Writer(main);
            body.Append(Paragraph("Title", new Run(Text(content.Title))));
            body.Append(Paragraph(null, new Run(Text(content.Summary))));
            foreach (var section in content.Sections)
            {
                body.Append(Paragraph("Heading1", new Run(Text(section.Heading))));
                if (section.Markdown is { } markdown)
                {
                    writer.Blocks(ReportMarkdown.Parse(markdown, topLevel: 2), body, new Context(null, -1, null));
                }
                else
                {
                    body.Append(Paragraph(null, new Run(new RunProperties(new Italic()), Text(ReportContentSection.Placeholder))));
                }
            }

            main.AddNewPart<NumberingDefinitionsPart>().Numbering = writer.Numbering();
            main.Document.Save();
        }

        return stream.ToArray();
    }

    // Where a paragraph sits: in a list (which numbering instance, how deep) and/or in a quote.
    private sealed record Context(int? NumberingId, int Level, string? Style);

    private sealed class Writer(MainDocumentPart main)
    {
        private readonly List<int> orderedLists = [];

        public void Blocks(ContainerBlock container, OpenXmlElement into, Context context)
        {
            foreach (var block in container)
            {
                switch (block)
                {
                    case HeadingBlock heading:
                        into.AppendChild(Paragraph($"Heading{Math.Min(6, heading.Level)}", Inlines(heading.Inline, bold: false, italic: false).ToArray()));
                        break;
                    case ParagraphBlock paragraph:
                        into.AppendChild(WithContext(Paragraph(context.Style, Inlines(paragraph.Inline, bold: false, italic: false).ToArray()), context));
                        // Only the first paragraph of a list item carries its bullet; later ones are indented under it.
                        context = context with { NumberingId = null };
                        break;
                    case ListBlock list:
                        var numberingId = list.IsOrdered ? NewOrderedList() : BulletList;
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            Blocks(item, into, new Context(numberingId, context.Level + 1, "ListParagraph"));
                        }

                        break;
                    case MarkdownTable table:
                        into.AppendChild(Table(table));
                        break;
                    case QuoteBlock quote:
                        Blocks(quote, into, context with { Style = "Quote" });
                        break;
                    case CodeBlock code:
                        foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                        {
                            into.AppendChild(Paragraph("Code", new Run(Text(line.Slice.ToString()))));
                        }

                        break;
                    case ContainerBlock other:
                        Blocks(other, into, context);
                        break;
                    default:
                        break; // thematic breaks, link reference definitions, blank lines: nothing to show
                }
            }
        }

        private Table Table(MarkdownTable source)
        {
            var rows = source.OfType<MarkdownTableRow>().ToList();
            var columns = rows.Max(r => r.Count);
            var table = new Table(new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                new TableBorders(Border<TopBorder>(), Border<LeftBorder>(), Border<BottomBorder>(), Border<RightBorder>(), Border<InsideHorizontalBorder>(), Border<InsideVerticalBorder>())));
            table.Append(new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn())));
            foreach (var row in rows)
            {
                var tableRow = new TableRow();
                if (row.IsHeader)
                {
                    tableRow.Append(new TableRowProperties(new TableHeader()));
                }

                foreach (var cell in row.OfType<MarkdownTableCell>())
                {
                    // Header cells are bold, as a reader sees them in the HTML.
                    var paragraphs = cell.OfType<ParagraphBlock>().Select(p => Paragraph(null, Inlines(p.Inline, bold: row.IsHeader, italic: false).ToArray())).ToList();
                    tableRow.Append(new TableCell(paragraphs.Count > 0 ? paragraphs : [Paragraph(null)]));
                }

                for (var missing = row.Count; missing < columns; missing++)
                {
                    tableRow.Append(new TableCell(Paragraph(null))); // a cell must hold a paragraph, even an empty one
                }

                table.Append(tableRow);
            }

            return table;
        }

        public Numbering Numbering()
        {
            var numbering = new Numbering(
                AbstractList(BulletAbstract, NumberFormatValues.Bullet, level => level % 2 == 0 ? "•" : "◦"),
                AbstractList(OrderedAbstract, NumberFormatValues.Decimal, level => $"%{level + 1}."),
                new NumberingInstance(new AbstractNumId { Val = BulletAbstract }) { NumberID = BulletList });
            foreach (var id in orderedLists)
            {
                // Each numbered list starts again at 1.
                numbering.Append(new NumberingInstance(
                    new AbstractNumId { Val = OrderedAbstract },
                    new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 }) { NumberID = id });
            }

            return numbering;
        }

        private int NewOrderedList()
        {
            var id = BulletList + 1 + orderedLists.Count;
            orderedLists.Add(id);
            return id;
        }

        private IEnumerable<OpenXmlElement> Inlines(ContainerInline? container, bool bold, bool italic)
        {
            if (container is null)
            {
                yield break;
            }

            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal:
                        yield return Styled(literal.Content.ToString(), bold, italic);
                        break;
                    case HtmlEntityInline entity:
                        yield return Styled(entity.Transcoded.ToString(), bold, italic);
                        break;
                    case CodeInline code:
                        yield return new Run(new RunProperties(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas" }), Text(code.Content));
                        break;
                    case LineBreakInline lineBreak:
                        yield return lineBreak.IsHard ? new Run(new Break()) : Styled(" ", bold, italic);
                        break;
                    case EmphasisInline emphasis:
                        foreach (var run in Inlines(emphasis, bold || emphasis.DelimiterCount >= 2, italic || emphasis.DelimiterCount == 1))
                        {
                            yield return run;
                        }

                        break;
                    case LinkInline { IsImage: true } image:
                        // The picture stays where it is published; the document names it by its description and links to it.
                        yield return Hyperlink(image.Url!, [Styled($"Image: {string.Concat(image.Descendants<LiteralInline>().Select(l => l.Content.ToString()))}", bold, italic)]);
                        break;
                    case LinkInline link:
                        yield return Hyperlink(link.Url!, Inlines(link, bold, italic));
                        break;
                    case AutolinkInline autolink:
                        var url = autolink.IsEmail && !autolink.Url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? "mailto:" + autolink.Url : autolink.Url;
                        yield return Hyperlink(url, [Styled(autolink.Url, bold, italic)]);
                        break;
                    case HtmlInline html:
                        yield return Styled(html.Tag, bold, italic); // not produced with raw HTML off; shown as text if it ever is
                        break;
                    case ContainerInline other:
                        foreach (var run in Inlines(other, bold, italic))
                        {
                            yield return run;
                        }

                        break;
                    default:
                        break;
                }
            }
        }

        private OpenXmlElement Hyperlink(string url, IEnumerable<OpenXmlElement> runs)
        {
            if (url.StartsWith('#') || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            {
                return new Run(runs.SelectMany(r => r.Descendants<Text>()).Select(t => (OpenXmlElement)t.CloneNode(true)));
            }

            var relationship = main.AddHyperlinkRelationship(uri, true);
            var hyperlink = new Hyperlink { Id = relationship.Id };
            foreach (var run in runs.OfType<Run>())
            {
                run.RunProperties ??= new RunProperties();
                run.RunProperties.RunStyle = new RunStyle { Val = "Hyperlink" };
                hyperlink.Append(run);
            }

            return hyperlink;
        }

        private static Paragraph WithContext(Paragraph paragraph, Context context)
        {
            if (context.Level < 0)
            {
                return paragraph;
            }

            var properties = paragraph.ParagraphProperties ??= new ParagraphProperties();
            if (context.NumberingId is { } id)
            {
                properties.NumberingProperties = new NumberingProperties(new NumberingLevelReference { Val = context.Level }, new NumberingId { Val = id });
            }
            else
            {
                properties.Indentation = new Indentation { Left = Indent(context.Level).ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            return paragraph;
        }

        private static Run Styled(string text, bool bold, bool italic)
        {
            var run = new Run();
            if (bold || italic)
            {
                var properties = new RunProperties();
                if (bold)
                {
                    properties.Bold = new Bold();
                }

                if (italic)
                {
                    properties.Italic = new Italic();
                }

                run.RunProperties = properties;
            }

            run.Append(Text(text));
            return run;
        }
    }

    private static Paragraph Paragraph(string? style, params OpenXmlElement[] content)
    {
        var paragraph = new Paragraph();
        if (style is not null)
        {
            paragraph.ParagraphProperties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        }

        paragraph.Append(content);
        return paragraph;
    }

    private static T Border<T>()
        where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4U, Color = "505A5F" };

    private static Text Text(string text) => new(text) { Space = SpaceProcessingModeValues.Preserve };

    private static int Indent(int level) => 720 * (level + 1);

    private static AbstractNum AbstractList(int id, NumberFormatValues format, Func<int, string> text)
    {
        var list = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.HybridMultilevel }) { AbstractNumberId = id };
        for (var level = 0; level < 9; level++)
        {
            list.Append(new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = format },
                new LevelText { Val = text(level) },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation
                {
                    Left = Indent(level).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Hanging = "360",
                })) { LevelIndex = level });
        }

        return list;
    }

    private static Styles Styles()
    {
        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" },
                new FontSize { Val = "24" },
                new Languages { Val = "en-GB" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "160", Line = "300", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        styles.Append(HeadingStyle("Title", "Title", null, 56));
        int[] sizes = [40, 32, 28, 24, 24, 24];
        for (var level = 1; level <= 6; level++)
        {
            styles.Append(HeadingStyle($"Heading{level}", $"heading {level}", level - 1, sizes[level - 1]));
        }

        styles.Append(new Style(
            new StyleName { Val = "List Paragraph" },
            new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "80" }))
        { Type = StyleValues.Paragraph, StyleId = "ListParagraph" });
        styles.Append(new Style(
            new StyleName { Val = "Quote" },
            new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new Indentation { Left = "720", Right = "720" }),
            new StyleRunProperties(new Italic()))
        { Type = StyleValues.Paragraph, StyleId = "Quote" });
        styles.Append(new Style(
            new StyleName { Val = "Code" },
            new BasedOn { Val = "Normal" },
            new StyleParagraphProperties(new SpacingBetweenLines { After = "0" }),
            new StyleRunProperties(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas" }, new FontSize { Val = "20" }))
        { Type = StyleValues.Paragraph, StyleId = "Code" });
        styles.Append(new Style(
            new StyleName { Val = "Hyperlink" },
            new StyleRunProperties(new Color { Val = "1D70B8" }, new Underline { Val = UnderlineValues.Single }))
        { Type = StyleValues.Character, StyleId = "Hyperlink" });
        return styles;
    }

    private static Style HeadingStyle(string id, string name, int? outlineLevel, int halfPoints)
    {
        var paragraph = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        { Type = StyleValues.Paragraph, StyleId = id };
    }
}
