using System.Net;
using System.Text;

namespace Safeguarding.Workflows.Orchestration.Documents;

/// <summary>
/// Renders an <see cref="AccessibleDocument"/> as a standalone HTML5 page: <c>lang</c> on the root, one <c>h1</c>,
/// landmarks, tables with captions and scoped header cells, readable without CSS. Every text is HTML-encoded.
/// </summary>
public static class HtmlDocumentWriter
{
    public const string ContentType = "text/html; charset=utf-8";

    // Plain, high-contrast styling that works printed and zoomed; the document must also read well without it.
    private const string Style =
        "body{font-family:Arial,Helvetica,sans-serif;font-size:1rem;line-height:1.5;color:#0b0c0c;max-width:50rem;margin:0 auto;padding:1rem}" +
        "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold;padding:.5rem 0}" +
        "th,td{border:1px solid #505a5f;padding:.5rem;text-align:left;vertical-align:top}dt{font-weight:bold}dd{margin:0 0 .5rem 0}";

    public static string Write(AccessibleDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n")
            .Append("<html lang=\"").Append(E(document.Language)).Append("\">\n")
            .Append("<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(document.Title)).Append("</title>\n");
        if (document.Author is { } author)
        {
            html.Append("<meta name=\"author\" content=\"").Append(E(author)).Append("\">\n");
        }

        html.Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(E(document.Title)).Append("</h1>\n");
        foreach (var block in document.Blocks)
        {
            Append(html, block);
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static byte[] WriteUtf8(AccessibleDocument document) => Encoding.UTF8.GetBytes(Write(document));

    private static void Append(StringBuilder html, DocumentBlock block)
    {
        switch (block)
        {
            case DocumentHeading h:
                html.Append("<h").Append(h.Level).Append('>').Append(E(h.Text)).Append("</h").Append(h.Level).Append(">\n");
                break;
            case DocumentParagraph p:
                html.Append("<p>").Append(E(p.Text)).Append("</p>\n");
                break;
            case DocumentList list:
                html.Append("<ul>\n");
                foreach (var item in list.Items)
                {
                    html.Append("<li>").Append(E(item)).Append("</li>\n");
                }

                html.Append("</ul>\n");
                break;
            case DocumentFacts facts:
                html.Append("<dl>\n");
                foreach (var fact in facts.Facts)
                {
                    html.Append("<dt>").Append(E(fact.Label)).Append("</dt><dd>").Append(E(fact.Value)).Append("</dd>\n");
                }

                html.Append("</dl>\n");
                break;
            case DocumentTable table:
                AppendTable(html, table);
                break;
            default:
                throw new ArgumentException($"No HTML for {block.GetType().Name}.", nameof(block));
        }
    }

    private static void AppendTable(StringBuilder html, DocumentTable table)
    {
        html.Append("<table>\n<caption>").Append(E(table.Caption)).Append("</caption>\n<thead>\n<tr>");
        foreach (var header in table.Headers)
        {
            html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                html.Append(i == 0 && table.FirstColumnIsRowHeader ? "<th scope=\"row\">" : "<td>")
                    .Append(E(row[i]))
                    .Append(i == 0 && table.FirstColumnIsRowHeader ? "</th>" : "</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
