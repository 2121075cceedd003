using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Calendar;
using Safeguarding.Workflows.Notifications.Sending;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>
/// Renders an <see cref="OutgoingEmail"/> with its Liquid templates (Fluid) inside the shared layout.
/// <list type="bullet">
/// <item>Strict: a template that uses a value the message does not supply throws <see cref="EmailContentException"/>.</item>
/// <item>In HTML every value is HTML-encoded before the template sees it, so no template can forget to escape.</item>
/// <item>Values whose key ends in <c>Link</c> or <c>Url</c> are relative paths (<c>/forms/...</c>): each is passed to the
/// <see cref="IEmailLinkSigner"/> (the host signs contributor forms' links) and gets <c>Email:PublicBaseUrl</c> in
/// front; an absolute https URL is kept as it is.</item>
/// <item><c>partnershipName</c> is always available (the supplied value, or else the partnership id).</item>
/// <item>Refused keys (<see cref="SensitiveValues"/>) throw before anything is rendered.</item>
/// </list>
/// Rendering is pure but for the link signer: the same message renders to the same subject, bodies and invitation,
/// except that a signed link's expiry counts from the moment of rendering.
/// </summary>
public sealed partial class EmailRenderer
{
    private readonly EmailTemplates templates;
    private readonly EmailOptions options;
    private readonly IEmailLinkSigner links;
    private readonly ConcurrentDictionary<string, IFluidTemplate> parsed = new(StringComparer.Ordinal);

    /// <param name="links">Signs contributor forms' links; without one, links go out as the process wrote them.</param>
    public EmailRenderer(EmailTemplates templates, IOptions<EmailOptions> options, IEmailLinkSigner? links = null)
    {
        this.templates = templates;
        this.options = options.Value;
        this.links = links ?? UnsignedEmailLinks.Instance;
    }

    public RenderedEmail Render(OutgoingEmail email)
    {
        SensitiveValues.Guard(email);
        var template = templates.Get(email.Template);
        var values = TemplateValues(email);
        var encoded = values.ToDictionary(v => v.Key, v => WebUtility.HtmlEncode(v.Value), StringComparer.Ordinal);

        var subject = Whitespace().Replace(RenderPart(email, "subject", template.Subject, values), " ").Trim();
        if (subject.Length == 0)
        {
            throw new EmailContentException($"The template '{email.Template}' rendered an empty subject.");
        }

        var text = RenderPart(email, "txt", template.Text, values);
        var html = RenderPart(email, "html", template.Html, encoded);
        var external = EmailTemplates.ToExternalBodies.Contains(email.Template) ? "true" : "false";
        var textPage = RenderPart(email, "txt layout", templates.TextLayout, With(values, ("subject", subject), ("content", text.Trim()), ("externalBody", external)));
        var htmlPage = RenderPart(email, "html layout", templates.HtmlLayout, With(encoded, ("subject", WebUtility.HtmlEncode(subject)), ("content", html.Trim()), ("externalBody", external)));

        IReadOnlyList<EmailAttachment> attachments = email.Invite is { } invite
            ? [InviteCalendar.ToAttachment(invite, Organizer, email.To, email.CreatedAt)]
            : [];
        return new RenderedEmail(email, subject, htmlPage, NormaliseText(textPage), attachments);
    }

    /// <summary>
    /// The address invitations name as organiser: the mailbox that sends them. The placeholder is only ever used in
    /// Development and Testing: elsewhere the host refuses to start without <c>Email:From</c>.
    /// </summary>
    private string Organizer => options.Provider == EmailProvider.Graph && options.Graph.Mailbox is { Length: > 0 } mailbox
        ? mailbox
        : options.From is { Length: > 0 } from ? from : "no-reply@safeguarding-workflows.invalid";

    private Dictionary<string, string> TemplateValues(OutgoingEmail email)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in email.Values)
        {
            values[key] = IsLink(key) ? AbsoluteLink(email, key, value) : value;
        }

        values.TryAdd("partnershipName", email.PartnershipId);
        values["partnershipId"] = email.PartnershipId;
        values["publicBaseUrl"] = options.PublicBaseUrl.TrimEnd('/');
        return values;
    }

    private static bool IsLink(string key) =>
        key.EndsWith("Link", StringComparison.OrdinalIgnoreCase) || key.EndsWith("Url", StringComparison.OrdinalIgnoreCase);

    private string AbsoluteLink(OutgoingEmail email, string key, string value)
    {
        if (value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal))
        {
            var signed = links.Sign(email, key, value);
            if (!signed.StartsWith('/') || signed.StartsWith("//", StringComparison.Ordinal))
            {
                throw new EmailContentException($"Email '{email.Id}': the link signer turned '{key}' into something that is not a relative path.");
            }

            return options.PublicBaseUrl.TrimEnd('/') + signed;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            return value;
        }

        throw new EmailContentException($"Email '{email.Id}': the link '{key}' must be a relative path starting with '/' or an absolute https URL.");
    }

    private static Dictionary<string, string> With(Dictionary<string, string> values, params (string Key, string Value)[] extra)
    {
        var copy = new Dictionary<string, string>(values, StringComparer.Ordinal);
        foreach (var (key, value) in extra)
        {
            copy[key] = value;
        }

        return copy;
    }

    private string RenderPart(OutgoingEmail email, string part, string source, IReadOnlyDictionary<string, string> values)
    {
        // Parsed templates are immutable and shared by every render.
        var template = parsed.GetOrAdd(source, static s => Liquid.Parser.Parse(s));

        // Strict mode: looking up a value that was not supplied throws instead of rendering nothing.
        var context = new TemplateContext(Liquid.Options, StringComparer.Ordinal)
        {
            Undefined = (key, _) => throw new EmailContentException($"The template '{email.Template}' ({part}) uses '{key}', which the email '{email.Id}' does not supply."),
        };
        foreach (var (key, value) in values)
        {
            context.SetValue(key, StringValue.Create(value));
        }

        try
        {
            // No encoder: the HTML parts get values already encoded (see Render).
            return template.Render(context, NullEncoder.Default);
        }
        catch (EmailContentException)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new EmailContentException($"The template '{email.Template}' ({part}) failed to render: {e.Message}", e);
        }
    }

    // Templates are indented for reading; the text email should not be. Keeps paragraph breaks, drops trailing spaces.
    private static string NormaliseText(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim() + "\n";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
