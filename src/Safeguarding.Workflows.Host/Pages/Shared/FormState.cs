using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>One error on a form: the field it belongs to, the element the error summary links to, and the message.</summary>
public sealed record FieldError(string FieldId, string AnchorId, string Message);

/// <summary>
/// What a form page was sent and what was wrong with it, by field id. A field's id is also its input's name, and is
/// derived from the API's field path (<see cref="IdOf"/>), so an API error naming <c>agencies[0].contact.email</c>
/// lands on the input <c>agencies-0-contact-email</c>.
/// </summary>
public sealed partial class FormState
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    /// <summary>The form as posted (every field, trimmed).</summary>
    public static FormState From(IFormCollection form)
    {
        var state = new FormState();
        foreach (var (key, value) in form)
        {
            if (!key.StartsWith("__", StringComparison.Ordinal))
            {
                state.values[key] = value.ToString().Trim();
            }
        }

        return state;
    }

    public string Value(string id) => values.GetValueOrDefault(id, "");

    /// <summary>The value, or null when blank: what the API is sent for an optional field left empty.</summary>
    public string? Optional(string id) => values.TryGetValue(id, out var value) && value.Length > 0 ? value : null;

    public void Set(string id, string value) => values[id] = value;

    public bool IsChecked(string id, string value) =>
        values.TryGetValue(id, out var posted) && posted.Split(',').Contains(value, StringComparer.Ordinal);

    public string? ErrorFor(string id) => errors.FirstOrDefault(e => e.FieldId == id)?.Message;

    /// <summary>Records an error (the first one for a field wins, as on GOV.UK).</summary>
    public void Fail(string fieldId, string message, string? anchorId = null)
    {
        if (errors.All(e => e.FieldId != fieldId))
        {
            errors.Add(new FieldError(fieldId, anchorId ?? fieldId, message));
        }
    }

    /// <summary>The HTML id for an API field path: <c>agencies[0].contact.email</c> → <c>agencies-0-contact-email</c>.</summary>
    public static string IdOf(string apiPath) => NotIdCharacters().Replace(apiPath, "-").Trim('-');

    /// <summary>
    /// Reads a GOV.UK date input (<c>{id}-day</c>, <c>{id}-month</c>, <c>{id}-year</c>) as <c>YYYY-MM-DD</c>. Returns
    /// null when all three are blank (the API then says whether the date is required); records an error naming the
    /// part to fix when the parts do not make a real date.
    /// </summary>
    public string? Date(string id, string label)
    {
        var (day, month, year) = (Value(id + "-day"), Value(id + "-month"), Value(id + "-year"));
        if (day.Length == 0 && month.Length == 0 && year.Length == 0)
        {
            return null;
        }

        var missing = new[] { (day, "day"), (month, "month"), (year, "year") }.Where(p => p.Item1.Length == 0).Select(p => p.Item2).ToList();
        if (missing.Count > 0)
        {
            Fail(id, $"{label} must include a {string.Join(" and a ", missing)}", $"{id}-{missing[0]}");
            return null;
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || year.Length != 4 || y < 1900 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            Fail(id, $"{label} must be a real date", id + "-day");
            return null;
        }

        return new DateOnly(y, m, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>Puts a date into the three parts of a date input (for a form shown with existing values).</summary>
    public void SetDate(string id, DateOnly date)
    {
        Set(id + "-day", date.Day.ToString(CultureInfo.InvariantCulture));
        Set(id + "-month", date.Month.ToString(CultureInfo.InvariantCulture));
        Set(id + "-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"[^A-Za-z0-9_]+")]
    private static partial Regex NotIdCharacters();
}
