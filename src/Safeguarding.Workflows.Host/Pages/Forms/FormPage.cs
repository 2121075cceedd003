using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Safeguarding.Workflows.Domain.Partnerships;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Host.Http;
using Safeguarding.Workflows.Host.Pages.Shared;
using Safeguarding.Workflows.Host.Security;

namespace Safeguarding.Workflows.Host.Pages.Forms;

/// <summary>
/// What every form page shares: the posted values and errors (<see cref="Form"/>), the partnership, and the three
/// answers to a submission — the form again with errors (400), the confirmation (200, a GOV.UK panel with a
/// reference), or "Page not found". A confirmation is rendered in answer to the POST, not after a redirect, so that a
/// single-use contributor link is spent only by a submission that succeeded.
/// </summary>
public abstract class FormPage : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public FormState Form { get; protected set; } = new();

    public PartnershipArrangements Partnership { get; protected set; } = null!;

    /// <summary>Set once the API accepted the submission: the page shows its confirmation instead of the form.</summary>
    public Confirmation? Confirmed { get; protected set; }

    /// <summary>Reads the posted form. Call first in a POST handler.</summary>
    protected void ReadForm() => Form = FormState.From(Request.Form);

    /// <summary>The request body the API handler is given, as it would arrive over HTTP.</summary>
    protected static JsonElement Body(object body) => JsonSerializer.SerializeToElement(body, Json);

    /// <summary>
    /// Reads <paramref name="request"/> exactly as the JSON endpoint reads its body (so a form is held to the API's
    /// rules, field by field), then runs the feature command the endpoint runs.
    /// </summary>
    protected static Task<PageOutcome> DecideAsync<TRequest, T>(JsonElement request, Func<JsonFields, JsonElement, TRequest?> read, Func<TRequest, Task<Reply<T>>> command)
        where TRequest : class where T : class =>
        DecideAsync<JsonElement, TRequest, T>(request, read, command);

    /// <summary>The same for an endpoint that takes a typed body (<typeparamref name="TBody"/>): the form builds that body.</summary>
    protected static async Task<PageOutcome> DecideAsync<TBody, TRequest, T>(TBody body, Func<JsonFields, TBody, TRequest?> read, Func<TRequest, Task<Reply<T>>> command)
        where TBody : notnull where TRequest : class where T : class
    {
        if (JsonText.FindForbidden(JsonSerializer.SerializeToUtf8Bytes(body, Json)) is { } field)
        {
            return new PageOutcome(StatusCodes.Status400BadRequest, null, new Dictionary<string, string[]> { [field] = [ForbiddenText] }, null);
        }

        var fields = new JsonFields();
        return read(fields, body) is { } typed ? PageOutcome.Of(await command(typed)) : PageOutcome.Of(fields.Problem());
    }

    /// <summary>The answer when text holds a character <see cref="JsonText"/> refuses.</summary>
    public const string ForbiddenText = "Remove the hidden or control characters (often pasted in with the text)";

    /// <summary>The form again, with its error summary, as a 400.</summary>
    protected IActionResult Invalid()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    protected IActionResult Confirm(Confirmation confirmation)
    {
        Confirmed = confirmation;
        return Page();
    }

    /// <summary>
    /// The API's answer on the page: success confirms, 404 is "Page not found", anything else shows the API's errors
    /// on their fields (409 and other refusals as an error at the top of the form).
    /// </summary>
    protected IActionResult Answer(PageOutcome outcome, IReadOnlyDictionary<string, FieldLabel> labels, Func<Confirmation> confirmation, JsonElement? sent = null)
    {
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Confirm(confirmation());
        }

        if (outcome.IsNotFound)
        {
            return PageResults.NotFound(outcome.Detail ?? "There is nothing here.");
        }

        outcome.ShowOn(Form, labels, sent);
        return Invalid();
    }
}

/// <summary>The GOV.UK confirmation panel: a title, the reference, and what happens next.</summary>
public sealed record Confirmation(string Title, string Reference, IReadOnlyList<string> Next, string? Link = null, string? LinkText = null);
