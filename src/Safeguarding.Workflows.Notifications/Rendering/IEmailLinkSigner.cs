using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Rendering;

/// <summary>
/// The seam through which the host lets an email's recipient open a form without an account: <see cref="EmailRenderer"/>
/// passes it every relative link value (keys ending in <c>Link</c> or <c>Url</c>) before putting the public base URL in
/// front. The host's implementation appends a signed, expiring contributor link to the links of the forms that accept
/// one; anything else is returned unchanged.
/// </summary>
public interface IEmailLinkSigner
{
    /// <param name="email">The email the link is in (its process, its partnership).</param>
    /// <param name="key">The value's key, e.g. <c>link</c> or <c>uploadLink</c>.</param>
    /// <param name="relativeLink">The value as the process wrote it: a path starting with <c>/</c>, perhaps with a query or fragment.</param>
    /// <returns>The link to put in the email, still relative.</returns>
    string Sign(OutgoingEmail email, string key, string relativeLink);
}

/// <summary>The default: links go out as the process wrote them (a host without contributor links, the renderer's own tests).</summary>
public sealed class UnsignedEmailLinks : IEmailLinkSigner
{
    public static readonly UnsignedEmailLinks Instance = new();

    public string Sign(OutgoingEmail email, string key, string relativeLink) => relativeLink;
}
