using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Options;
using Safeguarding.Workflows.Domain.Processes;
using Safeguarding.Workflows.Notifications.Rendering;
using Safeguarding.Workflows.Orchestration.Clock;

namespace Safeguarding.Workflows.Host.Security;

/// <summary>
/// Makes the links in outgoing emails usable by the external contributor they are sent to: a relative link to a form
/// that accepts a contributor link (an endpoint marked with <see cref="ContributorLinkEndpoint"/>, such as an agency's
/// summary, an author's paper, a report section) gets <c>?link={token}</c> for exactly that purpose, process and item,
/// valid for <see cref="AuthOptions.ContributorLinkLifetime"/> from the moment the email is rendered (process clock).
/// Every other link (dashboard, staff forms, API downloads) goes out unchanged and still needs a staff sign-in.
/// </summary>
/// <remarks>
/// The forms are read from the app's endpoint table, so a form that starts accepting links has its emailed links
/// signed without anything else to change. A link is signed only for the email's own process: a process that mentions
/// another process's form sends a staff link.
/// </remarks>
public sealed partial class ContributorEmailLinks(
    EndpointDataSource endpoints,
    ContributorLinks links,
    WorkflowClock clock,
    IOptions<AuthOptions> auth,
    ILogger<ContributorEmailLinks> logger) : IEmailLinkSigner
{
    private IReadOnlyList<LinkForm>? forms;

    public string Sign(OutgoingEmail email, string key, string relativeLink)
    {
        var (path, query, fragment) = Split(relativeLink);
        if (query.Contains($"{ContributorLink.QueryName}=", StringComparison.Ordinal) || Find(path) is not { } found)
        {
            return relativeLink;
        }

        var (form, values) = found;
        if (PartnershipAccessMiddleware.PartnershipOf(values) is not { Length: > 0 } partnership
            || values[form.IdRouteValue] as string is not { Length: > 0 } id
            || values[form.ItemRouteValue] as string is not { Length: > 0 } item)
        {
            return relativeLink;
        }

        var process = new ProcessKey(partnership, form.Kind, id);
        if (!string.Equals(process.ToString(), email.ProcessKey, StringComparison.Ordinal))
        {
            LogOtherProcess(logger, key, email.Template);
            return relativeLink;
        }

        string token;
        try
        {
            token = links.CreateToken(form.Purpose, process, item, clock.GetUtcNow() + auth.Value.ContributorLinkLifetime);
        }
        catch (ArgumentException)
        {
            // An id or item a token cannot carry ('|'): the link still opens the form for signed-in staff.
            LogUnsignable(logger, key, email.Template);
            return relativeLink;
        }

        return $"{path}{(query.Length == 0 ? "?" : query + "&")}{ContributorLink.QueryName}={token}{fragment}";
    }

    private (ContributorLinkEndpoint Form, RouteValueDictionary Values)? Find(string path)
    {
        PathString decoded;
        try
        {
            decoded = PathString.FromUriComponent(path);
        }
        catch (ArgumentException)
        {
            return null;
        }

        foreach (var form in forms ??= FormsOf(endpoints))
        {
            var values = new RouteValueDictionary();
            if (form.Matcher.TryMatch(decoded, values))
            {
                return (form.Endpoint, values);
            }
        }

        return null;
    }

    /// <summary>Every endpoint a browser can open (GET) with a contributor link: the forms emails may link to.</summary>
    private static List<LinkForm> FormsOf(EndpointDataSource endpoints) =>
        [.. endpoints.Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ContributorLinkEndpoint>() is not null && e.Metadata.GetMetadata<UnsignedInEmails>() is null
                && (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods || methods.Contains(HttpMethods.Get)))
            .Select(e => new LinkForm(new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary()), e.Metadata.GetMetadata<ContributorLinkEndpoint>()!))];

    private static (string Path, string Query, string Fragment) Split(string link)
    {
        var hash = link.IndexOf('#', StringComparison.Ordinal);
        var (beforeHash, fragment) = hash < 0 ? (link, "") : (link[..hash], link[hash..]);
        var question = beforeHash.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (beforeHash, "", fragment) : (beforeHash[..question], beforeHash[question..], fragment);
    }

    private sealed record LinkForm(TemplateMatcher Matcher, ContributorLinkEndpoint Endpoint);

    [LoggerMessage(EventId = 1520, Level = LogLevel.Warning, Message = "The link '{Key}' of a '{Template}' email is to another process's form: sent unsigned")]
    private static partial void LogOtherProcess(ILogger logger, string key, string template);

    [LoggerMessage(EventId = 1521, Level = LogLevel.Warning, Message = "The link '{Key}' of a '{Template}' email names an id a contributor link cannot carry: sent unsigned")]
    private static partial void LogUnsignable(ILogger logger, string key, string template);
}
