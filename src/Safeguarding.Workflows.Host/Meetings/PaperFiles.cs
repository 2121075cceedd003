namespace Safeguarding.Workflows.Host.Meetings;

/// <summary>
/// The document types accepted as meeting papers, checked by file extension AND by the first bytes of the content,
/// so a renamed executable or image is refused. PDF starts <c>%PDF</c>; DOCX, XLSX, PPTX and ODT are ZIP packages
/// starting <c>PK\x03\x04</c>.
/// </summary>
public static class PaperFiles
{
    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    private static readonly Dictionary<string, (string ContentType, byte[] Magic)> Accepted = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", Pdf),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Zip),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Zip),
        [".pptx"] = ("application/vnd.openxmlformats-officedocument.presentationml.presentation", Zip),
        [".odt"] = ("application/vnd.oasis.opendocument.text", Zip),
    };

    /// <summary>The content types papers are stored and served under, for the OpenAPI document.</summary>
    public static readonly string[] ContentTypes = [.. Accepted.Values.Select(v => v.ContentType)];

    /// <summary>The accepted extensions, for messages.</summary>
    public const string AcceptedList = "PDF, DOCX, XLSX, PPTX or ODT";

    /// <summary>The content type to store a file under, or null when its extension is not accepted.</summary>
    public static string? ContentTypeFor(string fileName) =>
        Accepted.TryGetValue(Path.GetExtension(fileName), out var type) ? type.ContentType : null;

    /// <summary>Whether <paramref name="head"/> (the first bytes of the file) is what its extension says.</summary>
    public static bool StartsRight(string fileName, ReadOnlySpan<byte> head) =>
        Accepted.TryGetValue(Path.GetExtension(fileName), out var type) && head.StartsWith(type.Magic);
}
