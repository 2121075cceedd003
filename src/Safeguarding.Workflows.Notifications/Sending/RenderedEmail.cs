using Safeguarding.Workflows.Domain.Processes;

namespace Safeguarding.Workflows.Notifications.Sending;

/// <summary>A message ready for a provider: the process's <see cref="Message"/> plus its rendered subject, bodies and attachments.</summary>
public sealed record RenderedEmail(OutgoingEmail Message, string Subject, string Html, string Text, IReadOnlyList<EmailAttachment> Attachments)
{
    public string Id => Message.Id;
}

/// <summary>A file attached to a message; <see cref="ContentType"/> may carry parameters (<c>text/calendar; method=REQUEST</c>).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
