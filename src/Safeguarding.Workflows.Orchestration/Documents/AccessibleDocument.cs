namespace Safeguarding.Workflows.Orchestration.Documents;

/// <summary>
/// A document the service generates (a formal notice, a compiled report), written once as content and rendered both as
/// accessible HTML (<see cref="HtmlDocumentWriter"/>) and as an editable DOCX (<see cref="DocxDocumentWriter"/>). The
/// shape keeps both accessible by construction: one title (the only level-1 heading), headings that nest, real
/// tables with header cells, real lists, and the document's language.
/// </summary>
/// <param name="Title">The document's title: its only level-1 heading, and the HTML <c>&lt;title&gt;</c> / DOCX title property.</param>
/// <param name="Blocks">The content after the title, in order.</param>
/// <param name="Language">A BCP 47 tag; British English unless said otherwise.</param>
/// <param name="Author">The organisation issuing the document (DOCX creator property).</param>
public sealed record AccessibleDocument(string Title, IReadOnlyList<DocumentBlock> Blocks, string Language = "en-GB", string? Author = null);

/// <summary>One piece of a document's content.</summary>
public abstract record DocumentBlock;

/// <summary>A section heading: level 2 for sections, 3 for sub-sections (level 1 is the title).</summary>
public sealed record DocumentHeading(int Level, string Text) : DocumentBlock
{
    public int Level { get; } = Level is >= 2 and <= 4 ? Level : throw new ArgumentOutOfRangeException(nameof(Level), "Headings inside a document are levels 2 to 4; level 1 is its title.");
}

/// <summary>A paragraph of plain text (no markup: it is escaped on output).</summary>
public sealed record DocumentParagraph(string Text) : DocumentBlock;

/// <summary>A bulleted list of plain-text items.</summary>
public sealed record DocumentList(IReadOnlyList<string> Items) : DocumentBlock;

/// <summary>Labelled facts (issued by, date served...): a description list in HTML, bold labels in DOCX.</summary>
public sealed record DocumentFacts(IReadOnlyList<DocumentFact> Facts) : DocumentBlock;

public sealed record DocumentFact(string Label, string Value);

/// <summary>
/// A data table with a caption and a header row; when <see cref="FirstColumnIsRowHeader"/> the first cell of each row
/// names the row (<c>&lt;th scope="row"&gt;</c>).
/// </summary>
public sealed record DocumentTable(string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, bool FirstColumnIsRowHeader = true) : DocumentBlock;
