using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Host.Pages.Shared;

/// <summary>
/// What a feature command (or, until every kind has its commands class, an API handler called in-process) answered,
/// as a page shows it: success, or the refusal with the field it names.
/// </summary>
public sealed partial record PageOutcome(int StatusCode, object? Value, IDictionary<string, string[]>? Errors, string? Detail)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool IsNotFound => StatusCode == StatusCodes.Status404NotFound;

    public T ValueAs<T>() => Value is T value ? value : throw new InvalidOperationException($"The API answered {Value?.GetType().Name ?? "nothing"}, not {typeof(T).Name}.");

    /// <summary>What a feature command answered, for the page: the same statuses the API would give.</summary>
    public static PageOutcome Of<T>(Reply<T> reply) where T : class => reply.Outcome switch
    {
        DecisionOutcome.Changed or DecisionOutcome.Unchanged => new(StatusCodes.Status200OK, reply.Process, null, null),
        DecisionOutcome.Invalid => new(StatusCodes.Status400BadRequest, null, new Dictionary<string, string[]> { [reply.Field!] = [reply.Message!] }, reply.Message),
        DecisionOutcome.NotFound => new(StatusCodes.Status404NotFound, null, null, reply.Message),
        _ => new(StatusCodes.Status409Conflict, reply.Process, null, reply.Message),
    };

    public static async Task<PageOutcome> Of<TResult>(Task<TResult> call) where TResult : IResult => Of(await call);

    public static PageOutcome Of(IResult result) => result switch
    {
        INestedHttpResult nested => Of(nested.Result),
        ValidationProblem validation => new(StatusCodes.Status400BadRequest, null, validation.ProblemDetails.Errors, validation.ProblemDetails.Detail),
        ProblemHttpResult problem => new(problem.StatusCode, null, ErrorsOf(problem.ProblemDetails), problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title),
        IStatusCodeHttpResult { StatusCode: { } status } and IValueHttpResult value => new(status, value.Value, null, null),
        IStatusCodeHttpResult { StatusCode: { } status } => new(status, null, null, null),
        _ => throw new InvalidOperationException($"A form cannot read an API result of type {result.GetType().Name}."),
    };

    /// <summary>
    /// Puts the API's field errors on the form. <paramref name="labels"/> maps an API field path to its label (for
    /// messages that name the field) and, optionally, a GOV.UK-style message for a missing answer; the error goes to
    /// the field whose id is <see cref="FormState.IdOf"/> the path (a date's summary link goes to its day input).
    /// </summary>
    /// <param name="sent">The typed body the form built: a field it was sent blank gets the field's missing-answer message.</param>
    public void ShowOn(FormState form, IReadOnlyDictionary<string, FieldLabel> labels, object? sent = null)
    {
        var body = sent is null ? null : JsonSerializer.SerializeToNode(sent, sent.GetType(), Json);
        foreach (var (path, messages) in Errors ?? new Dictionary<string, string[]>())
        {
            var label = labels.GetValueOrDefault(path) ?? FieldLabel.Fallback(path);
            var id = FormState.IdOf(label.FieldId ?? path);
            var message = sent is not null && IsBlank(body, path) ? label.Missing : label.Say(messages.FirstOrDefault() ?? "Check this answer.");
            form.Fail(id, message, label.IsDate ? id + "-day" : id);
        }

        if (!Succeeded && (Errors is null || Errors.Count == 0) && Detail is not null)
        {
            // A refusal that names no field (409, 413, 415) is shown on the form's first field.
            var first = labels.FirstOrDefault();
            var id = first.Value is null ? "main-content" : FormState.IdOf(first.Value.FieldId ?? first.Key);
            form.Fail(id, Detail, first.Value?.IsDate == true ? id + "-day" : id);
        }
    }

    /// <summary>The refusal with its dates in words: the domain writes 2027-02-04, a page says 4 February 2027.</summary>
    public PageOutcome InWords() => this with
    {
        Errors = Errors?.ToDictionary(e => e.Key, e => e.Value.Select(Show.Detail).ToArray()),
        Detail = Detail is { } detail ? Show.Detail(detail) : null,
    };

    /// <summary>Whether the value at <paramref name="path"/> (<c>agencies[0].contact.email</c>) of a body, as JSON, is missing, null or an empty string.</summary>
    public static bool IsBlank(JsonNode? body, string path)
    {
        var current = body;
        foreach (var part in PathParts().Matches(path).Select(m => m.Value))
        {
            current = current switch
            {
                JsonArray array when part.StartsWith('[') && int.TryParse(part[1..^1], out var index) && index < array.Count => array[index],
                JsonObject item when !part.StartsWith('[') && item.TryGetPropertyValue(part, out var next) => next,
                _ => null,
            };
            if (current is null)
            {
                return true;
            }
        }

        return current is null
            || (current is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length == 0)
            || (current is JsonArray { Count: 0 });
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex(@"[^.\[\]]+|\[\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathParts();

    private static IDictionary<string, string[]>? ErrorsOf(ProblemDetails problem) =>
        problem is HttpValidationProblemDetails validation ? validation.Errors
        : problem.Extensions.TryGetValue("errors", out var errors) ? errors as IDictionary<string, string[]> : null;
}

/// <summary>How a form names one API field in its messages.</summary>
/// <param name="Label">The question's short name, as in "Case reference must be at most 31 characters".</param>
/// <param name="Missing">The message when the answer is missing, such as "Enter the case reference".</param>
/// <param name="FieldId">The form field when it is not the API path (for example a date input's id).</param>
public sealed partial record FieldLabel(string Label, string Missing, string? FieldId = null, bool IsDate = false)
{
    public static FieldLabel Date(string label, string missing, string? fieldId = null) => new(label, missing, fieldId, IsDate: true);

    public static FieldLabel Fallback(string path) => new(path, $"Answer '{path}'");

    /// <summary>The API's message in the form's words: the missing-answer message, or the message naming the label.</summary>
    public string Say(string apiMessage)
    {
        if (Required().IsMatch(apiMessage))
        {
            return Missing;
        }

        var text = Quoted().Replace(apiMessage, Label).Trim();
        text = text.EndsWith('.') ? text[..^1] : text;
        return text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : Missing;
    }

    // "'awareOn' is required." / "'childLookedAfter' is required (true or false)." / "... must be a list."
    [GeneratedRegex(@"^'[^']+' (is required|must be a list|must be an object|must have 1 to)", RegexOptions.CultureInvariant)]
    private static partial Regex Required();

    [GeneratedRegex(@"'[A-Za-z0-9_.\[\]]+'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
