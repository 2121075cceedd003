using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Refuses, before any endpoint sees it, text that could mislead whoever reads it later in a page, an email or the
/// audit log: control characters (other than tab and line breaks), bidirectional overrides and isolates (the
/// "Trojan Source" trick), zero-width spaces and other invisible formatting characters, byte order marks inside text,
/// broken surrogate pairs — in JSON bodies and in route values (ids), which are also limited to
/// <see cref="MaxRouteValueLength"/> characters (storage keys have limits of their own). The answer is a 400 problem
/// naming the field. JSON must be UTF-8 (RFC 8259): another charset is a 415, so no text slips past by being
/// transcoded later.
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

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false || request.ContentLength == 0 || !request.HasJsonContentType())
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
        if (JsonText.FindForbidden(body) is { } field)
        {
            await SecurityProblems.WriteAsync(context, StatusCodes.Status400BadRequest, "The request could not be read", ForbiddenMessage, field);
            return;
        }

        request.Body = new MemoryStream(body, writable: false);
        await next(context);
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
        '\u200B' => true, // zero-width space (joiners U+200C/U+200D and LRM/RLM stay: scripts and emoji need them)
        >= '\u202A' and <= '\u202E' => true, // bidirectional embeddings and overrides
        >= '\u2060' and <= '\u2064' => true, // word joiner, invisible operators
        >= '\u2066' and <= '\u206F' => true, // bidirectional isolates, deprecated format characters
        '\uFEFF' => true, // byte order mark / zero-width no-break space
        >= '\uFFF9' and <= '\uFFFB' => true, // interlinear annotation
        '\uFFFE' or '\uFFFF' => true, // noncharacters
        _ => false,
    };

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
