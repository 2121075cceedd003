using System.Globalization;
using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Safeguarding.Workflows.Domain.Privacy;

namespace Safeguarding.Workflows.Host.Http;

/// <summary>
/// The one error collector that typed request bodies are read with, by the endpoints and the pages alike: every
/// refusal names its field by its path in the body (<c>agencies[1].contact.email</c>), so that a 400 says what to fix
/// and a page puts the message on that field. The checks take the values a typed body was bound to (a malformed value,
/// such as a number where text belongs, never gets this far: binding refuses it, naming the field, in
/// <see cref="HttpConventions"/>).
/// </summary>
public sealed class JsonFields
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool HasErrors => errors.Count > 0;

    /// <summary>Each field's messages, in the order found.</summary>
    public Dictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ValidationProblem Problem() => TypedResults.ValidationProblem(Errors);

    public void Fail(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Records the problem; false, so that a check reads <c>ok || fields.Refuse(...)</c>.</summary>
    public bool Refuse(string field, string message)
    {
        Fail(field, message);
        return false;
    }

    /// <summary>Text, trimmed; null (and an error when <paramref name="required"/>) when missing or blank.</summary>
    public string? String(string? value, string field, bool required, int maxLength = 200)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(field, $"'{NameOf(field)}' is required.");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Fail(field, $"'{NameOf(field)}' must be at most {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>Free text the service may email or show in titles: refused when it looks like it identifies a child (<see cref="IdentifyingText"/>).</summary>
    public string? Text(string? value, string field, bool required, int maxLength = 200)
    {
        var text = String(value, field, required, maxLength);
        return Check(field, text, IdentifyingText.Problem(text));
    }

    /// <summary>A member of staff's name: names are expected, dates are not.</summary>
    public string? StaffName(string? value, string field)
    {
        var text = String(value, field, required: true);
        return Check(field, text, IdentifyingText.DateProblem(text));
    }

    public string? Email(string? value, string field)
    {
        var text = String(value, field, required: true, maxLength: 254);
        return text is null || (MailAddress.TryCreate(text, out var address) && address.Address == text)
            ? text
            : Check(field, text, "Give an email address such as name@example.org.");
    }

    /// <summary>A date written YYYY-MM-DD.</summary>
    public DateOnly? Date(string? value, string field, bool required)
    {
        var text = String(value, field, required, maxLength: 10);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(field, $"'{NameOf(field)}' must be a date written YYYY-MM-DD.");
        return null;
    }

    public bool? Bool(bool? value, string field, bool required)
    {
        if (value is null && required)
        {
            Fail(field, $"'{NameOf(field)}' is required (true or false).");
        }

        return value;
    }

    /// <summary>A whole number from 1, or null when left out.</summary>
    public int? PositiveInt(int? value, string field)
    {
        if (value is null or >= 1)
        {
            return value;
        }

        Fail(field, $"'{NameOf(field)}' must be a whole number from 1.");
        return null;
    }

    /// <summary>A nested object that must be there.</summary>
    public T? Object<T>(T? value, string field) where T : class
    {
        if (value is null)
        {
            Fail(field, $"'{NameOf(field)}' must be an object.");
        }

        return value;
    }

    /// <summary>A list of <paramref name="min"/> to <paramref name="max"/> entries; null (and an error) otherwise.</summary>
    public IReadOnlyList<T>? Entries<T>(IReadOnlyList<T>? value, string field, int min, int max)
    {
        if (value is null)
        {
            Fail(field, $"'{NameOf(field)}' must be a list.");
            return null;
        }

        if (value.Count < min || value.Count > max)
        {
            Fail(field, $"'{NameOf(field)}' must have {min} to {max} entries.");
            return null;
        }

        return value;
    }

    /// <summary>The name a message quotes: the last part of the path (<c>agencies[0].contact.email</c> → <c>email</c>).</summary>
    private static string NameOf(string field)
    {
        var name = field[(field.LastIndexOf('.') + 1)..];
        var index = name.IndexOf('[', StringComparison.Ordinal);
        return index > 0 ? name[..index] : name;
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
