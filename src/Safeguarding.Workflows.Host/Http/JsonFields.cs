using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Privacy;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// Reads a JSON request body field by field, so that every refusal names its field (<c>agencies[1].contact.email</c>)
/// instead of failing the whole body: the one error collector that the endpoints and the pages read requests with.
/// </summary>
public sealed class JsonFields
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    public ValidationProblem Problem() => TypedResults.ValidationProblem(errors);

    public void Fail(string field, string message) => errors.TryAdd(field, [message]);

    /// <summary>The body as an object, or null (and an error naming <c>body</c>).</summary>
    public JsonElement? Body(JsonElement body)
    {
        if (body.ValueKind == JsonValueKind.Object)
        {
            return body;
        }

        Fail("body", "Send a JSON object.");
        return null;
    }

    public string? String(JsonElement parent, string path, string name, bool required, int maxLength = 200)
    {
        var field = path + name;
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(field, $"'{name}' is required.");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Fail(field, $"'{name}' must be a string.");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (required && text.Length == 0)
        {
            Fail(field, $"'{name}' is required.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"'{name}' must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>Free text the service may email or show in titles: refused when it looks like it identifies a child (<see cref="IdentifyingText"/>).</summary>
    public string? Text(JsonElement parent, string path, string name, bool required, int maxLength = 200)
    {
        var text = String(parent, path, name, required, maxLength);
        return Check(path + name, text, IdentifyingText.Problem(text));
    }

    /// <summary>A member of staff's name: names are expected, dates are not.</summary>
    public string? StaffName(JsonElement parent, string path, string name)
    {
        var text = String(parent, path, name, required: true);
        return Check(path + name, text, IdentifyingText.DateProblem(text));
    }

    public string? Email(JsonElement parent, string path, string name)
    {
        var text = String(parent, path, name, required: true, maxLength: 254);
        return text is null || (MailAddress.TryCreate(text, out var address) && address.Address == text)
            ? text
            : Check(path + name, text, "Give an email address such as name@example.org.");
    }

    public DateOnly? Date(JsonElement parent, string path, string name, bool required)
    {
        var text = String(parent, path, name, required, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(path + name, $"'{name}' must be a date written YYYY-MM-DD.");
        return null;
    }

    public bool? Bool(JsonElement parent, string path, string name, bool required)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Fail(path + name, $"'{name}' is required (true or false).");
            }

            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Fail(path + name, $"'{name}' must be true or false.");
        return null;
    }

    public int? PositiveInt(JsonElement parent, string path, string name)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 1)
        {
            return number;
        }

        Fail(path + name, $"'{name}' must be a whole number from 1.");
        return null;
    }

    public JsonElement? Object(JsonElement parent, string path, string name, bool required)
    {
        if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        if (required || (parent.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null))
        {
            Fail(path + name, $"'{name}' must be an object.");
        }

        return null;
    }

    public IReadOnlyList<JsonElement>? Array(JsonElement parent, string path, string name, int min, int max)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            Fail(path + name, $"'{name}' must be a list.");
            return null;
        }

        var items = value.EnumerateArray().ToList();
        if (items.Count < min || items.Count > max)
        {
            Fail(path + name, $"'{name}' must have {min} to {max} entries.");
            return null;
        }

        return items;
    }

    private string? Check(string field, string? text, string? problem)
    {
        if (text is null || problem is null)
        {
            return text;
        }

        Fail(field, problem);
        return null;
    }
}
