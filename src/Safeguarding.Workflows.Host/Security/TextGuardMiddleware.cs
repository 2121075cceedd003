using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Primitives;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Refuses, before any endpoint sees it, text that could mislead whoever reads it later in a page, an email or the
/// audit log: control characters (other than tab and line breaks), bidirectional overrides and isolates (the
/// "Trojan Source" trick) and marks, zero-width characters and joiners, soft hyphens, tag characters and other invisible
/// formatting characters, line separators, byte order marks inside text, broken surrogate pairs — in JSON bodies, form
/// fields, query values and route values (ids), which are also limited to <see cref="MaxRouteValueLength"/> characters
/// (storage keys have limits of their own). The answer is a 400 problem naming the field. JSON must be UTF-8
/// (RFC 8259): another charset, or bytes that are not UTF-8, is a 415, so no text slips past by being transcoded later.
/// </summary>
public sealed class TextGuardMiddleware(RequestDelegate next)
{
    public const int MaxRouteValueLength = 200;

    private const string ForbiddenMessage =
        "Contains a character that is not allowed: control characters, bidirectional overrides and invisible formatting characters are refused.";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        foreach (var (name, value) in request.RouteValues)
        {
            if (value is string text && (text.Length > MaxRouteValueLength || JsonText.IndexOfForbidden(text) >= 0))
            {
                var message = text.Length > MaxRouteValueLength ? $"Must be at most {MaxRouteValueLength} characters." : ForbiddenMessage;
                await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", message, name);
                return;
            }
        }

        if (FirstForbidden(request.Query) is { } queryField)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", ForbiddenMessage, queryField);
            return;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false || request.ContentLength == 0)
        {
            await next(context);
            return;
        }

        if (request.HasFormContentType && MediaTypeHeaderValue.TryParse(request.ContentType, out var formType)
            && formType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            await GuardFormAsync(context);
            return;
        }

        if (!request.HasJsonContentType())
        {
            await next(context);
            return;
        }

        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) && mediaType.Charset.HasValue
            && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !mediaType.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send JSON as UTF-8.", "body");
            return;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, context.RequestAborted);
        var body = copy.ToArray();
        if (!Utf8.IsValid(body))
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send JSON as UTF-8: the body has bytes that are not UTF-8.", "body");
            return;
        }

        if (JsonText.FindForbidden(body) is { } field)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", ForbiddenMessage, field);
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    /// <summary>
    /// The pages' forms. Read here (ASP.NET keeps the form for the page): a NUL or a broken escape makes the framework's
    /// reader throw, which would otherwise be a 500.
    /// </summary>
    private async Task GuardFormAsync(HttpContext context)
    {
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or DecoderFallbackException)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", ForbiddenMessage, "body");
            return;
        }

        if (FirstForbidden(form) is { } field)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", ForbiddenMessage, field);
            return;
        }

        await next(context);
    }

    private static string? FirstForbidden(IEnumerable<KeyValuePair<string, StringValues>> fields)
    {
        foreach (var (name, values) in fields)
        {
            if (JsonText.IndexOfForbidden(name) >= 0)
            {
                return "body";
            }

            foreach (var value in values)
            {
                if (value is not null && JsonText.IndexOfForbidden(value) >= 0)
                {
                    return name;
                }
            }
        }

        return null;
    }
}

/// <summary>The text rule of <see cref="TextGuardMiddleware"/>, usable on its own.</summary>
public static class JsonText
{
    /// <summary>
    /// The path (<c>papers[0].title</c>, <c>body</c> for the whole document) of the first property name or string
    /// value with a forbidden character; null when there is none or the JSON is malformed (binding reports that).
    /// </summary>
    public static string? FindForbidden(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var top = frames.Count > 0 ? frames[^1] : null;
                if (top is { IsArray: true } && reader.TokenType is not (JsonTokenType.EndArray or JsonTokenType.EndObject))
                {
                    top.Index++;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        frames.Add(new Frame { IsArray = false });
                        break;
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame { IsArray = true });
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        top!.Name = name;
                        if (IndexOfForbidden(name) >= 0)
                        {
                            return PathOf(frames.GetRange(0, frames.Count - 1)) ?? "body";
                        }

                        break;
                    case JsonTokenType.String:
                        if (IndexOfForbidden(reader.GetString()!) >= 0)
                        {
                            return PathOf(frames) ?? "body";
                        }

                        break;
                }

                // A property's name stays current until the next one; arrays count their elements above.
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16 (a lone surrogate) or bytes that are not UTF-8.
            return PathOf(frames) ?? "body";
        }

        return null;
    }

    /// <summary>The index of the first forbidden character, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsForbidden(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return i;
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsForbidden(c))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool IsForbidden(char c) => c switch
    {
        '\t' or '\n' or '\r' => false,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true, // DEL and C1 controls
        '\u00AD' => true, // soft hyphen: invisible unless a line breaks there
        '\u034F' => true, // combining grapheme joiner
        '\u061C' => true, // Arabic letter mark (a bidirectional mark)
        '\u180E' => true, // Mongolian vowel separator (invisible)
        >= '\u200B' and <= '\u200F' => true, // zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
        '\u2028' or '\u2029' => true, // line and paragraph separators: break lines where a reader expects none
        >= '\u202A' and <= '\u202E' => true, // bidirectional embeddings and overrides
        >= '\u2060' and <= '\u2064' => true, // word joiner, invisible operators
        >= '\u2066' and <= '\u206F' => true, // bidirectional isolates, deprecated format characters
        '\uFEFF' => true, // byte order mark / zero-width no-break space
        >= '\uFFF9' and <= '\uFFFB' => true, // interlinear annotation
        '\uFFFE' or '\uFFFF' => true, // noncharacters
        _ => false,
    };

    /// <summary>Tag characters (U+E0000–U+E007F) spell invisible text: a second message a reader never sees.</summary>
    public static bool IsForbidden(int codePoint) => codePoint is >= 0xE0000 and <= 0xE007F;

    private static string? PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is { } name)
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }

                path.Append(IndexOfForbidden(name) >= 0 ? "?" : name);
            }
        }

        return path.Length == 0 ? null : path.ToString();
    }

    private sealed class Frame
    {
        public required bool IsArray { get; init; }

        public int Index { get; set; } = -1;

        public string? Name { get; set; }
    }
}
