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

    /// <summary>
    /// Reads <paramref name="body"/> (the typed body the JSON endpoint binds, built by the form) with the endpoint's own
    /// reader, so a form is held to the API's rules field by field, then runs the feature command the endpoint runs.
    /// The text rule the API applies to JSON bodies before any handler is applied here first, since a form's post is not JSON.
    /// </summary>
    protected static async Task<PageOutcome> DecideAsync<TBody, TRequest, T>(TBody body, Func<JsonFields, TBody, TRequest?> read, Func<TRequest, Task<Reply<T>>> command)
        where TBody : notnull where TRequest : class where T : class
    {
        if (ForbiddenField(body) is { } field)
        {
            return new PageOutcome(StatusCodes.Status400BadRequest, null, new Dictionary<string, string[]> { [field] = [ForbiddenText] }, null);
        }

        var fields = new JsonFields();
        return read(fields, body) is { } typed ? PageOutcome.Of(await command(typed)) : PageOutcome.Of(fields.Problem());
    }

    /// <summary>
    /// The usual end of a step's form: decide (<see cref="DecideAsync"/>), then Post/Redirect/Get to
    /// <paramref name="done"/> (the process's page with its success banner); "Page not found" when the process is gone;
    /// otherwise the form again with the refusal on its fields (<see cref="Refused"/>).
    /// </summary>
    protected async Task<IActionResult> DecideThenRedirectAsync<TBody, TRequest, T>(
        TBody body, Func<JsonFields, TBody, TRequest?> read, Func<TRequest, Task<Reply<T>>> command, string done, IReadOnlyDictionary<string, FieldLabel> labels)
        where TBody : notnull where TRequest : class where T : class
    {
        var outcome = await DecideAsync(body, read, command);
        if (outcome.Succeeded && !Form.HasErrors)
        {
            return Redirect(done);
        }

        return outcome.IsNotFound ? PageResults.NotFound(outcome.Detail ?? "There is nothing here.") : Refused(outcome, labels, body);
    }

    /// <summary>
    /// The form again (400) with a refusal on its fields; the domain writes dates as 2027-02-04, the form says 4 February 2027.
    /// </summary>
    /// <param name="sent">The body the form built: a field sent blank gets its missing-answer message.</param>
    protected IActionResult Refused(PageOutcome outcome, IReadOnlyDictionary<string, FieldLabel> labels, object? sent)
    {
        outcome.InWords().ShowOn(Form, labels, sent);
        return Invalid();
    }

    /// <summary>The path of the first text in <paramref name="body"/> that <see cref="JsonText"/> refuses, as the API would find it.</summary>
    protected static string? ForbiddenField(object body) => JsonText.FindForbidden(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), Json));

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
    protected IActionResult Answer(PageOutcome outcome, IReadOnlyDictionary<string, FieldLabel> labels, Func<Confirmation> confirmation, object? sent = null)
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
